package org.popline.ivr.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.popline.crm.dataverse.DataverseClient;
import org.popline.ivr.http.HttpResult.Outcome;
import org.popline.ivr.lab.LabDataverse;

/**
 * A Dataverse that answers too late. On an emulator of its own: the requests the caller gave up on
 * are still being served after the test, and would take the faults another test injects next.
 */
class SlowDataverseTest {

    @RegisterExtension
    static final LabDataverse LAB = new LabDataverse();

    @Test
    void aSlowServerTimesOutOnEveryAttempt() throws Exception {
        Duration timeout = Duration.ofMillis(400);
        try (HttpCaller caller = new HttpCaller(); DataverseClient client = LAB.client()) {
            DataverseConnector connector = new DataverseConnector(client);
            client.accessToken(Duration.ofSeconds(2)); // a new client's first token takes longer than the timeout
            LAB.emulator().faults().latency(Duration.ofMillis(1500));

            HttpResult result = caller.execute(new HttpRequestSpec("GET", connector.baseUrl().resolve("contacts?$top=1"),
                    Map.of(), Optional.empty(), timeout, 2, Optional.of(connector)));

            assertEquals(Outcome.TIMEOUT, result.outcome(), result.detail());
            assertEquals("no answer in 400 ms", result.detail());
            assertEquals(3, result.attempts());
            assertEquals(0, result.status());
            assertTrue(result.took().compareTo(timeout.multipliedBy(3)) >= 0, result.took().toString());
            assertTrue(result.took().compareTo(Duration.ofSeconds(5)) < 0, "each attempt was cut off: " + result.took());
        }
    }
}
