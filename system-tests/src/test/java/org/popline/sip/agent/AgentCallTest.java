package org.popline.sip.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.popline.sip.testkit.Agents.awaitTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.popline.sip.testkit.Admin;
import org.popline.sip.testkit.Agents;
import org.popline.sip.testkit.FreePorts;
import org.popline.sip.testkit.MarkedFrames;
import org.popline.sip.testkit.RtpCapture;
import org.popline.sip.testkit.Sipp;
import org.popline.sip.testkit.TestServer;

/**
 * Callers reach agents: real SIPp processes as agents' phones (registering with digest auth, then
 * answering or not) and as callers choosing "agent" in the reference flow; media checked at
 * sockets the test owns on both sides of the bridge. After every test nothing is left over.
 */
class AgentCallTest {
    private static final String MICHAEL_BROWN = "+14155550100";
    private TestServer popline;

    @BeforeEach
    void start() throws Exception {
        popline = Agents.server("3s", "1s");
    }

    @AfterEach
    void stop() throws Exception {
        try {
            awaitTrue(() -> popline.server.liveCalls() == 0 && popline.server.openRtpPorts() == 0
                    && popline.server.agentLegs() == 0, Duration.ofSeconds(10));
            JsonNode health = Admin.get(popline, "/health");
            assertEquals(0, health.path("reservedAgents").asInt(), health.toPrettyString());
            assertEquals(0, health.path("waitingCallers").asInt(), health.toPrettyString());
            popline.assertIdle();
        } finally {
            popline.close();
        }
    }

    private void register(String agent, String password, int phonePort) throws Exception {
        Agents.register(popline, agent, password, phonePort);
    }

    private static CompletableFuture<Sipp.Result> phone(String scenario, int port, int rtpPort, Duration pause) {
        return Agents.phone(scenario, port, rtpPort, pause);
    }

    private CompletableFuture<Sipp.Result> caller(String scenario, int rtpPort, Duration stay) {
        return Agents.caller(popline, scenario, MICHAEL_BROWN, "1", rtpPort, stay);
    }

    private String agentState(String agent) {
        return Agents.state(popline, agent);
    }

    private JsonNode lastTrace() throws Exception {
        return Admin.get(popline, "/flows/traces").get(0);
    }

    /** The call's detail record names the queue and the agent, with a wait and a talk time, and who hung up. */
    private void assertAgentRecord(String callId, String agent, String endedBy) throws Exception {
        JsonNode record = Admin.records(popline, 1).get(0);
        assertEquals(callId, record.path("callId").asText(), record.toPrettyString());
        assertEquals("support", record.path("queue").asText(), record.toPrettyString());
        assertEquals(agent, record.path("agent").asText());
        assertTrue(record.path("queueWaitSeconds").isNumber(), record.toPrettyString());
        assertTrue(record.path("agentTalkSeconds").isNumber(), record.toPrettyString());
        assertEquals(endedBy, record.path("endedBy").asText());
        assertEquals("1", record.path("digits").asText());
    }

    @Test
    void callerPressingOneIsBridgedToARegisteredAgentBothWays() throws Exception {
        int phonePort = FreePorts.sipPort();
        try (RtpCapture callerMedia = new RtpCapture(); RtpCapture agentMedia = new RtpCapture()) {
            CompletableFuture<Sipp.Result> agent = phone("agent-answer.xml", phonePort, agentMedia.port(), Duration.ofSeconds(1));
            register("agent1", "lab-agent1-change-me", phonePort);
            CompletableFuture<Sipp.Result> caller = caller("info-then-listen.xml", callerMedia.port(), Duration.ofSeconds(12));

            awaitTrue(() -> agentState("agent1").startsWith("ON_CALL"), Duration.ofSeconds(30));
            InetSocketAddress poplineCallerSide = callerMedia.packets().get(0).source();
            MarkedFrames.send(callerMedia, poplineCallerSide, 50, (byte) 0x11);
            awaitTrue(() -> MarkedFrames.count(agentMedia, (byte) 0x11) >= 40, Duration.ofSeconds(5));
            InetSocketAddress poplineAgentSide = agentMedia.packets().stream()
                    .filter(p -> p.payloadType() == 0).findFirst().orElseThrow().source();
            MarkedFrames.send(agentMedia, poplineAgentSide, 50, (byte) 0x22);
            awaitTrue(() -> MarkedFrames.count(callerMedia, (byte) 0x22) >= 40, Duration.ofSeconds(5));

            finished(caller, "");
            Sipp.Result agentResult = finished(agent, "the caller hung up: Popline must BYE the agent\n");
            // The phone's log line: the From display name, then the Call-Info URL.
            assertTrue(agentResult.output().contains("display Michael Brown (+14155550100) popurl https://127.0.0.1:"),
                    agentResult.output());
            assertTrue(agentResult.output().contains("/main.aspx?pagetype=entityrecord&etn=incident&id="
                    + "0a64d329-8a32-5e53-9128-057cd5d99110\n"), agentResult.output());

            JsonNode trace = lastTrace();
            assertTrue(trace.path("events").toString().contains("agent-answered by agent1"), trace.toPrettyString());
            assertTrue(trace.path("steps").toString().contains("\"activity\":\"PopCase\""), trace.toPrettyString());
            awaitTrue(() -> agentState("agent1").equals("AVAILABLE"), Duration.ofSeconds(5));
            assertAgentRecord(trace.path("callId").asText(), "agent1", "caller");
        }
    }

    @Test
    void ringNoAnswerMovesToTheNextAgentAndTheFirstGoesNotReady() throws Exception {
        int silentPort = FreePorts.sipPort();
        int answeringPort = FreePorts.sipPort();
        try (RtpCapture callerMedia = new RtpCapture(); RtpCapture agentMedia = new RtpCapture()) {
            CompletableFuture<Sipp.Result> silent = phone("agent-no-answer.xml", silentPort, agentMedia.port(), Duration.ZERO);
            CompletableFuture<Sipp.Result> answering = phone("agent-answer-hangup.xml", answeringPort, agentMedia.port(),
                    Duration.ofSeconds(2));
            // register() returns once agent1 is available, so agent2, registered after, is available for less time.
            register("agent1", "lab-agent1-change-me", silentPort);
            register("agent2", "lab-agent2-change-me", answeringPort);
            CompletableFuture<Sipp.Result> caller = caller("info-then-wait-for-bye.xml", callerMedia.port(), Duration.ZERO);

            finished(silent, "agent1 (longest available) rings first and is CANCELled\n");
            // The phone's ACK to our 487 may leave before Popline has told the ACD.
            awaitTrue(() -> agentState("agent1").equals("NOT_READY:RONA"), Duration.ofSeconds(5));
            assertTrue(Admin.get(popline, "/agents/events").toString()
                    .contains("\"agentId\":\"agent1\",\"from\":\"RESERVED\",\"to\":\"NOT_READY\",\"reason\":\"RONA\""),
                    "the transition is an event in the admin API");
            assertEquals(403, Admin.post(popline, "/agents/ready?agent=agent1", "Origin", "http://evil.example"),
                    "a page on another site must not change an agent's state");
            assertEquals("NOT_READY:RONA", agentState("agent1"));
            assertEquals(404, Admin.post(popline, "/agents/ready?agent=nobody"));
            assertEquals(200, Admin.post(popline, "/agents/ready?agent=agent1"));
            assertEquals("AVAILABLE", agentState("agent1"));
            finished(answering, "");
            finished(caller, "the agent hung up first: Popline must BYE the caller\n");
            awaitTrue(() -> agentState("agent2").equals("AVAILABLE"), Duration.ofSeconds(5));
            assertAgentRecord(lastTrace().path("callId").asText(), "agent2", "agent");
        }
    }

    @Test
    void callerHangingUpWhileTheAgentRingsCancelsTheAgentLeg() throws Exception {
        int phonePort = FreePorts.sipPort();
        try (RtpCapture callerMedia = new RtpCapture(); RtpCapture agentMedia = new RtpCapture()) {
            CompletableFuture<Sipp.Result> agent = phone("agent-no-answer.xml", phonePort, agentMedia.port(), Duration.ZERO);
            register("agent1", "lab-agent1-change-me", phonePort);
            // The caller presses 1 at 1 s and hangs up 2 s later, inside the 3 s ring timeout.
            CompletableFuture<Sipp.Result> caller = caller("info-then-listen.xml", callerMedia.port(), Duration.ofSeconds(2));
            finished(caller, "");
            finished(agent, "the agent's phone must be CANCELled\n");
            awaitTrue(() -> agentState("agent1").equals("AVAILABLE"), Duration.ofSeconds(5));
        }
    }

    @Test
    void callerAbandoningWhileQueuedLeavesTheQueue() throws Exception {
        assertEquals(409, Admin.post(popline, "/agents/not-ready?agent=agent1&reason=break"),
                "an agent whose phone is not registered cannot change state");
        try (RtpCapture callerMedia = new RtpCapture()) {
            finished(caller("info-then-listen.xml", callerMedia.port(), Duration.ofSeconds(3)), "");
            JsonNode trace = lastTrace();
            assertTrue(trace.path("events").toString().contains("left queue support"), trace.toPrettyString());
        }
    }

    @Test
    void longestAvailableAgentTakesEachNextCall() throws Exception {
        int port1 = FreePorts.sipPort();
        int port2 = FreePorts.sipPort();
        try (RtpCapture callerMedia = new RtpCapture(); RtpCapture agentMedia = new RtpCapture()) {
            CompletableFuture<Sipp.Result> first = phone("agent-answer-hangup.xml", port1, agentMedia.port(),
                    Duration.ofSeconds(1));
            register("agent1", "lab-agent1-change-me", port1);
            CompletableFuture<Sipp.Result> second = phone("agent-answer-hangup.xml", port2, agentMedia.port(),
                    Duration.ofSeconds(1));
            register("agent2", "lab-agent2-change-me", port2);

            finished(caller("info-then-wait-for-bye.xml", callerMedia.port(), Duration.ZERO), "");
            finished(first, "agent1 was available longest\n");
            assertTrue(lastTrace().path("events").toString().contains("agent-answered by agent1"));
            // agent1 is in wrap-up now, and afterwards became available later than agent2.
            finished(caller("info-then-wait-for-bye.xml", callerMedia.port(), Duration.ZERO), "");
            finished(second, "then agent2\n");
            assertTrue(lastTrace().path("events").toString().contains("agent-answered by agent2"));
        }
    }

    /** The SIPp run's result once it has ended, which must be a success. */
    private static Sipp.Result finished(CompletableFuture<Sipp.Result> run, String why) throws Exception {
        Sipp.Result result = run.get(90, TimeUnit.SECONDS);
        assertTrue(result.ok(), why + result.output());
        return result;
    }
}
