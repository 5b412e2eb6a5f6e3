package org.popline.ivr.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.popline.crm.dataverse.DataverseClient;
import org.popline.crm.http.Credentials;
import org.popline.crm.http.Deadline;
import org.popline.crm.http.Exchange;
import org.popline.crm.http.Service;
import org.popline.ivr.http.HttpResult.Outcome;
import org.popline.ivr.lab.LabDataverse;
import org.slf4j.LoggerFactory;

/**
 * The caller against the Dataverse emulator over real HTTPS, authenticated through a
 * {@link DataverseConnector} with real client-credential tokens, and the emulator's injected faults.
 * Injected latency is tested in {@link SlowDataverseTest}, on an emulator of its own.
 */
class HttpCallerTest {

    @RegisterExtension
    static final LabDataverse LAB = new LabDataverse();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static HttpCaller caller;
    private DataverseClient client;
    private DataverseConnector connector;

    @BeforeAll
    static void startCaller() {
        caller = new HttpCaller();
    }

    @AfterAll
    static void closeCaller() {
        caller.close();
    }

    @BeforeEach
    void connect() {
        client = LAB.client();
        connector = new DataverseConnector(client);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private static HttpRequestSpec get(Connector connector, String pathAndQuery, Duration timeout, int retries) {
        return new HttpRequestSpec("GET", connector.baseUrl().resolve(pathAndQuery), Map.of(), Optional.empty(),
                timeout, retries, Optional.of(connector));
    }

    private static String contactsNamed(String fullName) {
        return "contacts?$select=fullname,telephone1&$filter="
                + URLEncoder.encode("fullname eq '" + fullName.replace("'", "''") + "'", StandardCharsets.UTF_8)
                        .replace("+", "%20");
    }

    @Test
    void getWithAFilterSucceedsAndTheBodyParses() throws Exception {
        HttpResult result = caller.execute(get(connector, contactsNamed("Siobhan O'Brien"), TIMEOUT, 0));

        assertEquals(Outcome.SUCCESS, result.outcome(), result.detail());
        assertEquals(200, result.status());
        assertEquals(1, result.attempts());
        assertEquals("", result.detail());
        JsonNode value = JSON.readTree(result.body()).get("value");
        assertEquals(1, value.size());
        assertEquals("+353 1 555 0199", value.get(0).get("telephone1").asText());
    }

    @Test
    void manyCallsShareOneCaller() throws Exception {
        ExecutorService calls = Executors.newFixedThreadPool(16);
        try {
            List<Future<HttpResult>> results = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                results.add(calls.submit(() -> caller.execute(get(connector, contactsNamed("Grace Lee"), TIMEOUT, 1))));
            }
            for (Future<HttpResult> result : results) {
                assertEquals(Outcome.SUCCESS, result.get().outcome(), result.get().detail());
            }
        } finally {
            calls.shutdownNow();
        }
    }

    @Test
    void postSendsItsBodyAsUtf8Json() throws Exception {
        HttpRequestSpec create = new HttpRequestSpec("POST", connector.baseUrl().resolve("contacts"),
                Map.of("Prefer", "return=representation"),
                Optional.of("{\"firstname\":\"Jürgen\",\"lastname\":\"Groß\",\"telephone1\":\"+49 221 5550123\"}"),
                TIMEOUT, 0, Optional.of(connector));

        HttpResult result = caller.execute(create);

        assertEquals(Outcome.SUCCESS, result.outcome(), result.detail() + " " + result.body());
        assertEquals(201, result.status());
        assertEquals("Jürgen Groß", JSON.readTree(result.body()).get("fullname").asText());
    }

    @Test
    void aRevokedTokenIsRenewedOnceWithoutSpendingARetry() throws Exception {
        assertEquals(Outcome.SUCCESS, caller.execute(get(connector, contactsNamed("Emma Wilson"), TIMEOUT, 0)).outcome());
        LAB.emulator().revokeTokens();

        HttpResult result = caller.execute(get(connector, contactsNamed("Emma Wilson"), TIMEOUT, 0));

        assertEquals(Outcome.SUCCESS, result.outcome(), result.detail());
        assertEquals(2, result.attempts(), "the 401 and the resend");
    }

    @Test
    void aBadFirstTokenIsReportedRejectedAndReplaced() throws Exception {
        BadFirstToken connector = new BadFirstToken(this.connector);

        HttpResult result = caller.execute(get(connector, contactsNamed("Emma Wilson"), TIMEOUT, 0));

        assertEquals(Outcome.SUCCESS, result.outcome(), result.detail());
        assertEquals(1, connector.rejected.get());
        assertEquals(2, result.attempts());
    }

    @Test
    void aTokenRefusedTwiceIsAnError() throws Exception {
        BadFirstToken connector = new BadFirstToken(this.connector, Integer.MAX_VALUE);

        HttpResult result = caller.execute(get(connector, contactsNamed("Emma Wilson"), TIMEOUT, 3));

        assertEquals(Outcome.ERROR, result.outcome());
        assertEquals(401, result.status());
        assertEquals("401 from GET /api/data/v9.2/contacts", result.detail());
        assertEquals(1, connector.rejected.get(), "renewed once, then given up");
        assertEquals(2, result.attempts(), "a 401 is not retried beyond the one renewal");
    }

    @Test
    void noTokenIsAnErrorThatDoesNotNameTheSecret() throws Exception {
        String wrong = "wrong-secret-" + System.nanoTime();
        try (DataverseClient wrongClient = LAB.clientWithSecret(wrong)) {
            HttpResult result = caller.execute(get(new DataverseConnector(wrongClient), "contacts", TIMEOUT, 2));

            assertEquals(Outcome.ERROR, result.outcome());
            assertTrue(result.detail().startsWith("no access token: "), result.detail());
            assertTrue(result.detail().contains("invalid_client"), result.detail());
            assertFalse(result.detail().contains(wrong), result.detail());
            assertEquals(0, result.attempts(), "nothing was sent");
        }
    }

    @Test
    void serviceUnavailableEveryTimeIsAnErrorAfterTheRetries() throws Exception {
        LAB.emulator().faults().errorRate(1.0, 503);

        HttpResult result = caller.execute(get(connector, "contacts?$top=1", TIMEOUT, 2));

        assertEquals(Outcome.ERROR, result.outcome());
        assertEquals(503, result.status());
        assertEquals("503 from GET /api/data/v9.2/contacts", result.detail());
        assertEquals(3, result.attempts());
        assertTrue(result.body().contains("temporarily unavailable"), result.body());
    }

    @Test
    void throttledWithARetryAfterThatFitsIsWaitedOut() throws Exception {
        LAB.emulator().faults().throttle(1, 1);

        HttpResult result = caller.execute(get(connector, "contacts?$top=1", TIMEOUT, 1));

        assertEquals(Outcome.SUCCESS, result.outcome(), result.detail());
        assertEquals(2, result.attempts());
        assertTrue(result.took().compareTo(Duration.ofSeconds(1)) >= 0, "Retry-After honoured: " + result.took());
    }

    @Test
    void throttledWithARetryAfterLongerThanTheTimeoutStopsAtOnce() throws Exception {
        LAB.emulator().faults().throttle(-1, 30);

        HttpResult result = caller.execute(get(connector, "contacts?$top=1", TIMEOUT, 3));

        assertEquals(Outcome.ERROR, result.outcome());
        assertEquals(429, result.status());
        assertEquals("429 from GET /api/data/v9.2/contacts; Retry-After 30 s is longer than the 2000 ms timeout",
                result.detail());
        assertEquals(1, result.attempts());
        assertTrue(result.took().compareTo(Duration.ofSeconds(5)) < 0, result.took().toString());
    }

    @Test
    void aClientErrorIsFinalAtOnce() throws Exception {
        HttpResult result = caller.execute(get(connector, "contacts?$filter=nosuchcolumn%20eq%201", TIMEOUT, 3));

        assertEquals(Outcome.ERROR, result.outcome());
        assertEquals(400, result.status());
        assertEquals(1, result.attempts());
        assertTrue(result.body().contains("nosuchcolumn"), result.body());
    }

    @Test
    void theTokenIsNeverSentOutsideTheConnectorsService() throws Exception {
        URI elsewhere = URI.create(LAB.emulator().baseUrl() + "/somewhere-else/contacts");
        HttpRequestSpec spec = new HttpRequestSpec("GET", elsewhere, Map.of(), Optional.empty(), TIMEOUT, 0,
                Optional.of(connector));

        HttpResult result = caller.execute(spec);

        assertEquals(Outcome.ERROR, result.outcome());
        assertEquals(0, result.attempts());
        assertTrue(result.detail().startsWith("refused to send the connector's token"), result.detail());
        HttpResult climbing = caller.execute(get(connector, "../../../somewhere-else", TIMEOUT, 0));
        assertEquals(0, climbing.attempts(), climbing.detail());
    }

    @Test
    void logsOneLinePerAttemptWithoutTokenOrQuery() throws Exception {
        Logger log = (Logger) LoggerFactory.getLogger(Exchange.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        Level before = log.getLevel();
        log.setLevel(Level.DEBUG);
        log.addAppender(lines);
        try {
            LAB.emulator().faults().errorRate(1.0, 500);
            caller.execute(get(connector, contactsNamed("Emma Wilson"), TIMEOUT, 1));
        } finally {
            log.detachAppender(lines);
            log.setLevel(before);
        }
        String token = client.accessToken(TIMEOUT);
        List<String> messages = lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertEquals(2, messages.size(), messages.toString());
        for (String message : messages) {
            assertTrue(message.matches("GET /api/data/v9\\.2/contacts -> 500 in \\d+ ms"), message);
            assertFalse(message.contains(token));
        }
    }

    /** The real connector, except that its first {@code bad} tokens are ones the service never issued. */
    private static final class BadFirstToken implements Connector, Credentials {
        private final Connector real;
        private final Credentials realCredentials;
        private final AtomicInteger badLeft;
        final AtomicInteger rejected = new AtomicInteger();

        BadFirstToken(Connector real) {
            this(real, 1);
        }

        BadFirstToken(Connector real, int bad) {
            this.real = real;
            this.realCredentials = real.service().credentials().orElseThrow();
            this.badLeft = new AtomicInteger(bad);
        }

        @Override
        public URI baseUrl() {
            return real.baseUrl();
        }

        @Override
        public Service service() {
            return new Service(real.service().tls(), Optional.of(this), real.service().breaker());
        }

        @Override
        public String token(Deadline deadline) throws IOException {
            String token = realCredentials.token(deadline);
            return badLeft.getAndDecrement() > 0 ? "not-" + token : token;
        }

        @Override
        public void rejected() {
            rejected.incrementAndGet();
            realCredentials.rejected();
        }
    }
}
