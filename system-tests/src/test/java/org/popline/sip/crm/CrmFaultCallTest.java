package org.popline.sip.crm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.popline.sip.testkit.Traces.mainPath;
import static org.popline.sip.testkit.Traces.step;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.popline.app.config.Overrides;
import org.popline.sip.testkit.Admin;
import org.popline.sip.testkit.Sipp;
import org.popline.sip.testkit.TestServer;

/**
 * A CRM fault on a real call: the embedded emulator is told over its admin API to answer 500s, or to answer
 * later than {@code crm.lookup-budget}; a SIPp caller whose number is a seeded contact must still get, within
 * the budget, from find-customer's error link to the no-case message, and then wait in the queue.
 */
class CrmFaultCallTest {
    private static final Duration BUDGET = Duration.ofMillis(2000);
    /** Scheduling slack on a loaded machine; well under the 5 s the slow CRM takes. */
    private static final Duration SLACK = Duration.ofMillis(1500);
    private static TestServer popline;
    private static HttpClient emulatorAdmin;

    @BeforeAll
    static void start() throws Exception {
        popline = TestServer.start(new Overrides().set("call.flow", "flows/ms-dynamics.yaml")
                .set("crm.lookup-budget", BUDGET.toMillis() + "ms"));
        emulatorAdmin = HttpClient.newBuilder().sslContext(popline.server.crm().client().tls())
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        popline.close();
    }

    @AfterEach
    void clearFaults() throws Exception {
        faults("DELETE", "");
    }

    @Test
    void aCrmAnsweringServerErrorsSendsTheCallerToTheQueueWithTheNoCaseMessage() throws Exception {
        faults("POST", "{\"errorRate\":1.0,\"errorStatus\":500}");
        callerReachesTheQueueThroughTheNoCaseMessage("+14155550100");
    }

    @Test
    void aCrmSlowerThanTheBudgetSendsTheCallerToTheQueueWithTheNoCaseMessage() throws Exception {
        faults("POST", "{\"latencyMs\":5000}");
        callerReachesTheQueueThroughTheNoCaseMessage("+14155550101");
    }

    private static void callerReachesTheQueueThroughTheNoCaseMessage(String caller) throws Exception {
        CompletableFuture<Sipp.Result> call = CompletableFuture.supplyAsync(() -> {
            try {
                return Sipp.scenario("call.xml").key("caller", caller).key("pts", "0 101")
                        .pause(Duration.ofSeconds(25)).run(popline.sipPort, Duration.ofSeconds(60));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        JsonNode live = awaitCurrentActivity(caller, "PlayMusic", Duration.ofSeconds(40));
        String callId = live.path("callId").asText();
        assertEquals(List.of(callId), Admin.waitingIn(popline, "support"), "the caller waits in the queue");

        Sipp.Result sipp = call.get(90, TimeUnit.SECONDS);
        assertTrue(sipp.ok(), sipp.output());
        JsonNode trace = Admin.get(popline, "/flows/traces?call=" + callId);
        List<String> path = mainPath(trace);
        assertEquals(List.of("StripANI", "Greeting", "FindCustomer", "PlayNoCase", "QueueContact", "PlayMusic"),
                path.subList(0, 6), trace.toPrettyString());
        JsonNode lookup = step(trace, "FindCustomer");
        assertEquals("error", lookup.path("outcome").asText(), lookup.toPrettyString());
        assertEquals("PlayNoCase", lookup.path("next").asText(), lookup.toPrettyString());
        Instant asked = Instant.parse(lookup.path("startedAt").asText());
        Instant message = Instant.parse(step(trace, "PlayNoCase").path("startedAt").asText());
        Duration waited = Duration.between(asked, message);
        assertTrue(waited.compareTo(BUDGET.plus(SLACK)) < 0,
                "the no-case message began " + waited.toMillis() + " ms after the lookup; budget " + BUDGET);
        assertEquals("queued", step(trace, "QueueContact").path("outcome").asText(), trace.toPrettyString());
        popline.awaitIdle();
    }

    private static void faults(String method, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(popline.server.crm().emulatorUrl() + "/_emulator/faults"))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = emulatorAdmin.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    private static JsonNode awaitCurrentActivity(String caller, String activity, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            for (JsonNode t : Admin.get(popline, "/flows/traces")) {
                if (t.path("ani").asText().equals(caller)) {
                    last = t;
                    if (t.path("endedAt").isNull() && activity.equals(t.path("current").asText())) {
                        return t;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the call from " + caller + " never reached " + activity + "; its trace: "
                + (last == null ? "none" : last.toPrettyString()));
    }
}
