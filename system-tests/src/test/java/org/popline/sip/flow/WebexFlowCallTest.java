package org.popline.sip.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.popline.sip.testkit.Traces.mainPath;
import static org.popline.sip.testkit.Traces.step;
import static org.popline.sip.testkit.Agents.awaitTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popline.app.config.Overrides;
import org.popline.sip.testkit.Admin;
import org.popline.sip.testkit.Agents;
import org.popline.sip.testkit.DeskClient;
import org.popline.sip.testkit.FreePorts;
import org.popline.sip.testkit.RtpCapture;
import org.popline.sip.testkit.Sipp;
import org.popline.sip.testkit.TestServer;

/**
 * A Flow Designer export (the project's own fixture {@code flows/datadip.json}) named in
 * {@code call.flow} and run as it is, with real peers: SIPp callers pressing keys by RFC 4733, a
 * baresip caller, a SIPp agent's phone and the agent's page. The caller is Grace Lee, whose
 * {@code telephone1} is stored as the stripped ANI, so the export's own {@code contains(telephone1, ...)}
 * query finds her.
 */
class WebexFlowCallTest {
    private static final String GRACE_LEE = "+14155550108";
    private static final String GRACE_CASE_ID = "bd9e7b3e-daec-5786-8833-f1b32067ab8d";
    private static final String HEARD = "Hello Grace Lee, your case CAS-01010-TQCFC3 about Email forwarding not working was found.";
    private static final List<String> TO_THE_MENU = List.of("StripANI", "Greeting", "GetCustomerInfo", "ConditionCheck",
            "SetExisting", "GetCaseInfo", "PlayCaseTitle", "MainMenu");

    @TempDir
    Path dir;
    private TestServer popline;

    @BeforeEach
    void start() throws Exception {
        Path flow = dir.resolve("datadip.json");
        try (var in = WebexFlowCallTest.class.getResourceAsStream("/flows/datadip.json")) {
            Files.copy(in, flow);
        }
        popline = TestServer.start(new Overrides().set("call.flow", flow.toString())
                .set("queues.support.ring-timeout", "10s").set("queues.support.wrap-up", "1s")
                .set("sip.digest-algorithms", "md5"));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            awaitTrue(() -> popline.server.liveCalls() == 0 && popline.server.openRtpPorts() == 0
                    && popline.server.agentLegs() == 0, Duration.ofSeconds(10));
            popline.assertIdle();
        } finally {
            popline.close();
        }
    }

    @Test
    void aSippCallerTheExportsQueryFindsHearsTheirNameAndPressingTwoHangsUp() throws Exception {
        // Typed ahead during the greeting: the key waits for the menu, and every prompt before it plays.
        Sipp.Result sipp = Sipp.scenario("dtmf-then-wait-for-bye.xml").key("caller", GRACE_LEE).key("digits", "2")
                .pause(Duration.ofMillis(1000)).run(popline.sipPort, Duration.ofSeconds(60));
        assertTrue(sipp.ok(), "Popline must send BYE after 2:\n" + sipp.output());

        JsonNode trace = lastTrace();
        assertEquals("disconnected by flow", trace.path("ending").asText(), trace.toPrettyString());
        List<String> path = new ArrayList<>(TO_THE_MENU);
        path.add("DisconnectContact");
        assertEquals(path, mainPath(trace));
        assertHeardTheirName(trace);
        assertEquals("2", step(trace, "MainMenu").path("outcome").asText());
    }

    @Test
    void pressingOneReachesTheAgentsPhoneAndTheCasePopsOnTheAgentsPage() throws Exception {
        int phonePort = FreePorts.sipPort();
        try (RtpCapture agentMedia = new RtpCapture()) {
            // The agent talks 6 s and hangs up first; Popline then ends the caller's leg.
            CompletableFuture<Sipp.Result> phone = Agents.phone("agent-answer-hangup.xml", phonePort, agentMedia.port(),
                    Duration.ofSeconds(6));
            Agents.register(popline, "agent1", "lab-agent1-change-me", phonePort);
            DeskClient agent1 = DeskClient.login(popline, "agent1", "lab-agent1-change-me");
            CompletableFuture<Sipp.Result> caller = CompletableFuture.supplyAsync(() -> {
                try {
                    return Sipp.scenario("dtmf-then-wait-for-bye.xml").key("caller", GRACE_LEE).key("digits", "1")
                            .pause(Duration.ofMillis(1000)).run(popline.sipPort, Agents.RUN);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            awaitTrue(() -> Admin.liveCallPop(popline).isPresent(), Duration.ofSeconds(45));
            String popUrl = Admin.liveCallPop(popline).orElseThrow();
            assertTrue(popUrl.startsWith("https://127.0.0.1:") && popUrl.endsWith(
                    "/main.aspx?pagetype=entityrecord&etn=incident&id=" + GRACE_CASE_ID),
                    "the export's org host becomes the configured CRM's, and the case read out is opened: " + popUrl);
            JsonNode onCall = agent1.firstSnapshot("/desk/events").orElseThrow();
            assertEquals("ON_CALL", onCall.path("state").asText(), onCall.toPrettyString());
            assertEquals(GRACE_LEE, onCall.path("call").path("number").asText(), onCall.toPrettyString());
            JsonNode pop = onCall.path("call").path("pop");
            assertEquals(popUrl, pop.path("url").asText(), onCall.toPrettyString());
            assertEquals("new-tab", pop.path("target").asText(), "newBrowserTab");
            assertEquals("Customer case", pop.path("label").asText(), "the export's screenPopDesktopLabel");

            Sipp.Result agentResult = phone.get(90, TimeUnit.SECONDS);
            assertTrue(agentResult.ok(), agentResult.output());
            Sipp.Result callerResult = caller.get(90, TimeUnit.SECONDS);
            assertTrue(callerResult.ok(), "the agent hung up: Popline must BYE the caller\n" + callerResult.output());

            JsonNode trace = lastTrace();
            List<String> path = mainPath(trace);
            assertEquals(TO_THE_MENU, path.subList(0, TO_THE_MENU.size()), path.toString());
            assertEquals("QueueContact", path.get(TO_THE_MENU.size()));
            assertEquals("1", step(trace, "MainMenu").path("outcome").asText());
            assertEquals("queued", step(trace, "QueueContact").path("outcome").asText());
            assertHeardTheirName(trace);
            assertTrue(trace.path("events").toString().contains("agent-answered by agent1"), trace.toPrettyString());
            assertEquals("false", step(trace, "IsNewCustomer").path("outcome").asText(), "an existing customer");
            assertEquals("next", step(trace, "ScreenPopCase").path("outcome").asText(), trace.toPrettyString());
        }
    }

    @Test
    void aBaresipCallerTheExportsQueryFindsHearsTheirNameAndPressingTwoHangsUp() throws Exception {
        Path script = dir.resolve("baresip-call.sh");
        try (var in = WebexFlowCallTest.class.getResourceAsStream("/peers/baresip-call.sh")) {
            Files.copy(in, script);
        }
        ProcessBuilder call = new ProcessBuilder("bash", script.toString(), "127.0.0.1:" + popline.sipPort, "2", "20",
                dir.resolve("heard.wav").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("baresip.out").toFile());
        call.environment().put("SIP_USER", GRACE_LEE);
        Process p = call.start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "baresip recipe did not finish");
        String out = Files.readString(dir.resolve("baresip.out"));
        assertEquals(0, p.exitValue(), "the call connects and what baresip hears is not silent:\n" + out);

        JsonNode trace = lastTrace();
        assertEquals("disconnected by flow", trace.path("ending").asText(), "baresip's 2 (RFC 4733) hangs up: "
                + trace.toPrettyString());
        assertHeardTheirName(trace);
        assertEquals("2", step(trace, "MainMenu").path("outcome").asText());
    }

    /** The export's own queries answered, and the message that was read out names the caller and their case. */
    private static void assertHeardTheirName(JsonNode trace) {
        JsonNode customer = step(trace, "GetCustomerInfo");
        assertEquals("success", customer.path("outcome").asText(), trace.toPrettyString());
        assertEquals("Grace Lee", customer.path("outputs").path("ContactName").asText(), customer.toPrettyString());
        assertEquals("false", step(trace, "ConditionCheck").path("outcome").asText());
        assertEquals(HEARD, step(trace, "PlayCaseTitle").path("inputs").path("text").asText(), trace.toPrettyString());
    }

    private JsonNode lastTrace() throws Exception {
        JsonNode recent = Admin.get(popline, "/flows/traces");
        for (JsonNode t : recent) {
            if (!t.path("endedAt").isNull() && t.path("ani").asText().equals(GRACE_LEE)) {
                return t;
            }
        }
        throw new AssertionError("no finished trace: " + recent.toPrettyString());
    }

}
