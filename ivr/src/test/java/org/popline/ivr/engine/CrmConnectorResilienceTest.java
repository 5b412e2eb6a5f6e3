package org.popline.ivr.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.popline.crm.dataverse.BreakerSettings;
import org.popline.crm.dataverse.DataverseClient;
import org.popline.crm.dataverse.LookupResult;
import org.popline.ivr.flow.ActivityTypes;
import org.popline.ivr.flow.FlowExpressions;
import org.popline.ivr.flow.FlowLoader;
import org.popline.ivr.http.DataverseConnector;
import org.popline.ivr.http.HttpCaller;
import org.popline.ivr.lab.LabDataverse;
import org.popline.ivr.template.Templates;

/**
 * A flow's http-request to the {@code dynamics} connector runs under the CRM's one retry/timeout
 * stack, against the Dataverse emulator over HTTPS with its injected faults: it waits out a
 * Retry-After, and it shares the caller lookup's circuit breaker both ways (failed flow requests
 * stop lookups; failed lookups stop flow requests), so a failing CRM is asked by neither.
 */
class CrmConnectorResilienceTest {
    @RegisterExtension
    static final LabDataverse CRM = new LabDataverse();

    private static final String FLOW = """
            name: crm-connector
            start: GetContacts
            activities:
              GetContacts:
                type: http-request
                settings:
                  connector: dynamics
                  path: contacts
                  query:
                    $select: fullname
                    $top: "1"
                  timeout: 2000ms
                  retries: 1
                links:
                  success: Answered
                  error: Failed
              Answered:
                type: play-message
                settings:
                  text: The CRM answered.
                links:
                  next: Hangup
              Failed:
                type: play-message
                settings:
                  text: The CRM failed.
                links:
                  next: Hangup
              Hangup:
                type: disconnect
            """;
    private static final List<String> ANSWERED = List.of("say: The CRM answered.", "hangup");
    private static final List<String> FAILED = List.of("say: The CRM failed.", "hangup");
    private static final String MICHAEL = "+14155550100";
    /** Four requests judged, all four failed: open, for long enough to look at, short enough to wait out. */
    private static final BreakerSettings TRIGGER_HAPPY = new BreakerSettings(4, 4, 50, Duration.ofSeconds(2));

    @TempDir
    static Path folder;
    private static HttpCaller http;
    private static FlowFile file;
    private DataverseClient client;
    private FlowEngine engine;
    private FlowTraces traces;

    @BeforeAll
    static void load() throws Exception {
        Path flow = folder.resolve("crm-connector.yaml");
        Files.writeString(flow, FLOW);
        FlowLoader loader = new FlowLoader(ActivityTypes.standard(), new FlowExpressions(new Templates("US")));
        file = FlowFile.open(flow, loader, new DeploymentCheck(Set.of("dynamics"), Set.of(), a -> true));
        http = new HttpCaller();
    }

    @AfterAll
    static void close() {
        http.close();
    }

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    /** A client with a breaker that opens after four failed requests, and an engine whose connector is it. */
    private DataverseClient connect() throws Exception {
        client = CRM.client(s -> s.withBreaker(TRIGGER_HAPPY).withCache(Duration.ZERO, Duration.ofMinutes(10), 10));
        client.accessToken(Duration.ofSeconds(20)); // what follows is timed from a warm token
        traces = new FlowTraces(50);
        engine = new FlowEngine(file, new FlowServices(ActivityTypes.standard(), new Templates("US"), http,
                Map.of("dynamics", new DataverseConnector(client))), traces);
        return client;
    }

    /** Runs the flow for one call; what the caller heard, and the http-request's step. */
    private Map.Entry<List<String>, TraceStep> call() throws InterruptedException {
        InMemoryCall call = new InMemoryCall(MICHAEL);
        engine.run(call);
        TraceStep step = traces.find(call.callId()).orElseThrow().steps().stream()
                .filter(s -> s.activity().equals("GetContacts")).findFirst().orElseThrow();
        return Map.entry(call.heard(), step);
    }

    @Test
    void aRetryAfterThatFitsIsWaitedOutAsForLookups() throws Exception {
        connect();
        CRM.emulator().faults().throttle(1, 1);

        Map.Entry<List<String>, TraceStep> call = call();

        assertEquals(ANSWERED, call.getKey(), call.getValue().outputs().toString());
        assertEquals(2, call.getValue().outputs().get("attempts"), "the 429 and the one after Retry-After");
        long ms = ((Number) call.getValue().outputs().get("ms")).longValue();
        assertTrue(ms >= 1000, "Retry-After: 1 honoured, took " + ms + " ms");
    }

    @Test
    void failingFlowRequestsOpenTheBreakerThatThenStopsLookupsToo() throws Exception {
        DataverseClient c = connect();
        CRM.emulator().faults().errorRate(1.0, 500);
        for (int i = 0; i < 4; i++) {
            Map.Entry<List<String>, TraceStep> call = call();
            assertEquals(FAILED, call.getKey());
            assertEquals(2, call.getValue().outputs().get("attempts"), "one retry of the 500");
        }

        assertEquals("OPEN", c.circuitState());
        long sent = c.webApiRequests();
        LookupResult.Failed<?> lookup = assertInstanceOf(LookupResult.Failed.class, c.findCaller(MICHAEL).contact());
        assertEquals(LookupResult.Reason.UNAVAILABLE, lookup.reason());
        assertEquals(sent, c.webApiRequests(), "the open circuit sent no lookup");
        Map.Entry<List<String>, TraceStep> refused = call();
        assertEquals(FAILED, refused.getKey());
        assertEquals(0, refused.getValue().outputs().get("attempts"));
        assertEquals("circuit open: the CRM failed too often lately", refused.getValue().outputs().get("failure"));

        CRM.emulator().faults().clear();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!call().getKey().equals(ANSWERED) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals("CLOSED", c.circuitState(), "the flow's probe closed it");
        assertInstanceOf(LookupResult.Found.class, c.findCaller(MICHAEL).contact());
    }

    @Test
    void failingLookupsOpenTheBreakerThatThenStopsFlowRequests() throws Exception {
        DataverseClient c = connect();
        CRM.emulator().faults().errorRate(1.0, 503);
        for (int i = 0; i < 4; i++) {
            assertInstanceOf(LookupResult.Failed.class, c.findCaller("+1415555020" + i).contact());
        }
        assertEquals("OPEN", c.circuitState());

        Map.Entry<List<String>, TraceStep> call = call();

        assertEquals(FAILED, call.getKey());
        assertEquals(0, call.getValue().outputs().get("attempts"), "nothing sent while the circuit is open");
        assertEquals("circuit open: the CRM failed too often lately", call.getValue().outputs().get("failure"));
    }
}
