package org.popline.sip.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.popline.sip.testkit.Traces.step;
import static org.popline.sip.testkit.Agents.awaitTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popline.app.config.Overrides;
import org.popline.sip.testkit.Admin;
import org.popline.sip.testkit.Agents;
import org.popline.sip.testkit.FreePorts;
import org.popline.sip.testkit.RtpCapture;
import org.popline.sip.testkit.Sipp;
import org.popline.sip.testkit.TestServer;

/**
 * A Flow Designer export's queue-lookup and queue-to-agent on a real call ({@code flows/to-owner.json}):
 * the caller hears the place the ACD gives them, and is offered only to the agent the flow names
 * (agent2), although agent1 has been free for longer; the export's AgentOffered handler runs.
 */
class WebexQueueToAgentCallTest {
    @TempDir
    Path dir;

    @Test
    void theCallerHearsTheirPlaceAndOnlyTheNamedAgentIsRung() throws Exception {
        Path flow = dir.resolve("to-owner.json");
        try (var in = WebexQueueToAgentCallTest.class.getResourceAsStream("/flows/to-owner.json")) {
            Files.copy(in, flow);
        }
        onlyAgent2IsRung(flow, new Overrides(), "agent2");
    }

    /** The same export naming its agent by e-mail ({@code destinationLookupType: agentEmail}), written in other letter case in the configuration: e-mails match in any case. */
    @Test
    void anAgentNamedByEmailIsTheOneWithThatEmail() throws Exception {
        Path flow = dir.resolve("to-owner-by-email.json");
        try (var in = WebexQueueToAgentCallTest.class.getResourceAsStream("/flows/to-owner.json")) {
            Files.writeString(flow, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("\"value\": \"agent2\"", "\"value\": \"Agent.Two@example.com\"")
                    .replace("\"destinationLookupType\": \"agentId\"", "\"destinationLookupType\": \"agentEmail\""));
        }
        onlyAgent2IsRung(flow, new Overrides().set("agents.agent2.email", "agent.two@EXAMPLE.com"), "Agent.Two@example.com");
    }

    private void onlyAgent2IsRung(Path flow, Overrides overrides, String named) throws Exception {
        try (TestServer popline = TestServer.start(overrides.set("call.flow", flow.toString())
                .set("queues.support.ring-timeout", "10s").set("queues.support.wrap-up", "1s")
                .set("sip.digest-algorithms", "md5"));
             RtpCapture agentMedia = new RtpCapture()) {
            // agent1 registers first, so the queue's own rule (longest available) would pick agent1;
            // no phone answers at agent1's contact, so ringing it would show as RONA.
            Agents.register(popline, "agent1", "lab-agent1-change-me", FreePorts.sipPort());
            int phonePort = FreePorts.sipPort();
            CompletableFuture<Sipp.Result> agent2 = Agents.phone("agent-answer-hangup.xml", phonePort,
                    agentMedia.port(), Duration.ofSeconds(2));
            Thread.sleep(50);
            Agents.register(popline, "agent2", "lab-agent2-change-me", phonePort);

            Sipp.Result caller = Sipp.scenario("wait-for-bye.xml").key("caller", "+14155550108")
                    .run(popline.sipPort, Agents.RUN);
            assertTrue(caller.ok(), "agent2 hung up: Popline must BYE the caller\n" + caller.output());
            Sipp.Result phone = agent2.get(90, TimeUnit.SECONDS);
            assertTrue(phone.ok(), phone.output());

            JsonNode trace = Admin.get(popline, "/flows/traces").get(0);
            JsonNode lookup = step(trace, "Lookup");
            assertEquals("support", lookup.path("inputs").path("queue").asText(), trace.toPrettyString());
            assertEquals(1, lookup.path("outputs").path("PIQ").asInt(), "nobody waits ahead: " + lookup);
            assertEquals("insufficient-data", lookup.path("outcome").asText(), "no calls yet to estimate a wait from");
            assertEquals("You are number 1 in line.", step(trace, "SayPlace").path("inputs").path("text").asText());
            assertEquals(named, step(trace, "ToOwner").path("inputs").path("agent").asText());
            List<String> events = events(trace);
            assertEquals(List.of("agent-offered to agent2", "agent-answered by agent2"), events.stream()
                    .filter(e -> e.startsWith("agent-")).toList(), trace.toPrettyString());
            assertEquals(named + " was rung", step(trace, "NoteOffer").path("outputs").path("OfferedTo").asText(),
                    "the export's AgentOffered handler ran: " + trace.toPrettyString());
            awaitTrue(() -> "AVAILABLE".equals(Agents.state(popline, "agent2")), Duration.ofSeconds(10));
            assertEquals("AVAILABLE", Agents.state(popline, "agent1"), "agent1 was never rung");
            awaitTrue(() -> popline.server.liveCalls() == 0 && popline.server.agentLegs() == 0, Duration.ofSeconds(10));
            popline.assertIdle();
        }
    }

    private static List<String> events(JsonNode trace) {
        return java.util.stream.StreamSupport.stream(trace.path("events").spliterator(), false)
                .map(e -> e.asText().replaceAll("^\\S+ ", "")).toList();
    }
}
