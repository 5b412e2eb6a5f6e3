package org.popline.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.popline.sip.testkit.Agents.awaitTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.popline.sip.testkit.Admin;
import org.popline.sip.testkit.Agents;
import org.popline.sip.testkit.DeskClient;
import org.popline.sip.testkit.FreePorts;
import org.popline.sip.testkit.RtpCapture;
import org.popline.sip.testkit.Sipp;
import org.popline.sip.testkit.TestServer;

/**
 * The agents' page over plain HTTP, as a script or another site would reach it: logins, the CSRF
 * and Origin checks on state changes, one agent's data kept from another, and the snapshot a page
 * gets when it (re)connects after missing a screen pop. Real SIPp phones and callers make the call.
 */
class AgentDeskTest {
    private static final String AGENT1_PASSWORD = "lab-agent1-change-me";
    private static final String AGENT2_PASSWORD = "lab-agent2-change-me";
    private static final String MICHAEL_BROWNS_CASE = "id=0a64d329-8a32-5e53-9128-057cd5d99110";
    private TestServer popline;

    @BeforeEach
    void start() throws Exception {
        popline = Agents.server("10s", "1s");
    }

    @AfterEach
    void stop() throws Exception {
        try {
            awaitTrue(() -> popline.server.liveCalls() == 0 && popline.server.agentLegs() == 0, Duration.ofSeconds(10));
            popline.assertIdle();
        } finally {
            popline.close();
        }
    }

    @Test
    void onlyTheRightPasswordLogsIn() throws Exception {
        HttpResponse<String> wrong = DeskClient.postLogin(popline, "agent1", "lab-agent2-change-me");
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty(), "no session for a wrong password");
        assertTrue(wrong.body().contains("Wrong agent id or password"), wrong.body());
        HttpResponse<String> unknown = DeskClient.postLogin(popline, "nobody", AGENT1_PASSWORD);
        assertEquals(401, unknown.statusCode());
        assertEquals(wrong.body(), unknown.body(), "an unknown id is answered exactly like a wrong password");

        HttpResponse<String> right = DeskClient.postLogin(popline, "agent1", AGENT1_PASSWORD);
        assertEquals(303, right.statusCode());
        String cookie = right.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        assertTrue(cookie.matches("popline_desk=[A-Za-z0-9_-]{43};.*"), "a 256-bit random id: " + cookie);

        assertEquals(401, DeskClient.withCookie(popline, "popline_desk=made-up").get("/desk/session").statusCode());
        assertEquals(401, DeskClient.withCookie(popline, "").get("/desk/events").statusCode());
        assertTrue(DeskClient.withCookie(popline, "").get("/desk/").body().contains("id=\"login\""),
                "without a session the page is the login form");
    }

    @Test
    void stateChangesNeedTheSessionsCsrfTokenAndThisOrigin() throws Exception {
        Agents.register(popline, "agent1", AGENT1_PASSWORD, FreePorts.sipPort());
        DeskClient agent1 = DeskClient.login(popline, "agent1", AGENT1_PASSWORD);
        String token = agent1.session().path("csrfToken").asText();
        String origin = popline.deskOrigin();

        assertEquals(403, agent1.post("/desk/not-ready", Map.of("reason", "break")).statusCode(), "no token");
        assertEquals(403, agent1.post("/desk/not-ready", Map.of("reason", "break"), "X-CSRF-Token", token + "x")
                .statusCode(), "wrong token");
        assertEquals(403, agent1.post("/desk/not-ready", Map.of("reason", "break"), "X-CSRF-Token", token,
                "Origin", "http://evil.example").statusCode(), "another site's page");
        DeskClient agent2 = DeskClient.login(popline, "agent2", AGENT2_PASSWORD);
        assertEquals(403, agent1.post("/desk/not-ready", Map.of("reason", "break"), "X-CSRF-Token",
                agent2.session().path("csrfToken").asText()).statusCode(), "another session's token");
        assertEquals("AVAILABLE", Agents.state(popline, "agent1"), "nothing refused may change the state");

        assertEquals(400, agent1.post("/desk/not-ready", Map.of("reason", "gone fishing"), "X-CSRF-Token", token,
                "Origin", origin).statusCode());
        HttpResponse<String> notReady = agent1.post("/desk/not-ready", Map.of("reason", "lunch"), "X-CSRF-Token", token,
                "Origin", origin);
        assertEquals(200, notReady.statusCode(), notReady.body());
        assertEquals("NOT_READY:lunch", Agents.state(popline, "agent1"));
        assertEquals(409, agent2.post("/desk/ready", Map.of(), "X-CSRF-Token",
                agent2.session().path("csrfToken").asText()).statusCode(), "agent2's phone is not registered");
        assertEquals(200, agent1.post("/desk/ready", Map.of(), "X-CSRF-Token", token).statusCode());
        assertEquals("AVAILABLE", Agents.state(popline, "agent1"));

        assertEquals(403, agent1.post("/desk/logout", Map.of()).statusCode(), "logout needs the token too");
        assertEquals(200, agent1.post("/desk/logout", Map.of(), "X-CSRF-Token", token).statusCode());
        assertEquals(401, agent1.get("/desk/session").statusCode(), "the session is gone");
        assertEquals(401, agent1.post("/desk/ready", Map.of(), "X-CSRF-Token", token).statusCode());
    }

    @Test
    void aPageConnectingAfterTheAnswerGetsThePopAndNoOtherAgentDoes() throws Exception {
        int phonePort = FreePorts.sipPort();
        try (RtpCapture callerMedia = new RtpCapture(); RtpCapture agentMedia = new RtpCapture()) {
            CompletableFuture<Sipp.Result> phone = Agents.phone("agent-answer.xml", phonePort, agentMedia.port(),
                    Duration.ofSeconds(1));
            Agents.register(popline, "agent1", AGENT1_PASSWORD, phonePort);
            DeskClient agent1 = DeskClient.login(popline, "agent1", AGENT1_PASSWORD);
            DeskClient agent2 = DeskClient.login(popline, "agent2", AGENT2_PASSWORD);
            CompletableFuture<Sipp.Result> caller = Agents.caller(popline, "info-then-listen.xml", "+14155550100", "1",
                    callerMedia.port(), Duration.ofSeconds(8));

            // No page is open while the call is offered, answered and popped.
            awaitTrue(() -> Admin.liveCallPop(popline).isPresent(), Duration.ofSeconds(30));
            JsonNode snapshot = agent1.firstSnapshot("/desk/events").orElseThrow();
            assertEquals("ON_CALL", snapshot.path("state").asText(), snapshot.toPrettyString());
            JsonNode call = snapshot.path("call");
            assertEquals("+14155550100", call.path("number").asText(), snapshot.toPrettyString());
            assertEquals("Michael Brown", call.path("name").asText());
            assertEquals("CAS-01025-205CO0", call.path("caseNumber").asText());
            assertTrue(call.path("answeredAt").isTextual());
            String pop = call.path("pop").path("url").asText();
            assertTrue(pop.startsWith("https://127.0.0.1:") && pop.endsWith("/main.aspx?pagetype=entityrecord&etn=incident&"
                    + MICHAEL_BROWNS_CASE), pop);

            for (String path : new String[] {"/desk/events", "/desk/events?agent=agent1"}) {
                JsonNode other = agent2.firstSnapshot(path).orElseThrow();
                assertEquals("agent2", other.path("agent").path("id").asText(), "agent2 sees only agent2");
                assertTrue(other.path("call").isNull() && other.path("offer").isNull(), other.toPrettyString());
                assertFalse(other.toString().contains(MICHAEL_BROWNS_CASE), other.toPrettyString());
            }

            assertTrue(caller.get(90, TimeUnit.SECONDS).ok());
            assertTrue(phone.get(90, TimeUnit.SECONDS).ok());
            awaitTrue(() -> "AVAILABLE".equals(Agents.state(popline, "agent1")), Duration.ofSeconds(10));
            JsonNode after = agent1.firstSnapshot("/desk/events").orElseThrow();
            JsonNode recent = after.path("recent").get(0);
            assertEquals("answered", recent.path("outcome").asText(), after.toPrettyString());
            assertEquals(pop, recent.path("pop").path("url").asText());
            assertTrue(after.path("call").isNull());
        }
    }
}
