package org.popline.sip.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.popline.sip.testkit.Agents.awaitTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.popline.app.config.Overrides;
import org.popline.cluster.RedisServerProcess;
import org.popline.sip.testkit.Admin;
import org.popline.sip.testkit.DeskClient;
import org.popline.sip.testkit.Agents;
import org.popline.sip.testkit.FreePorts;
import org.popline.sip.testkit.MarkedFrames;
import org.popline.sip.testkit.RtpCapture;
import org.popline.sip.testkit.Sipp;
import org.popline.sip.testkit.TestServer;

/**
 * Two whole Popline nodes sharing the ACD in a redis-server of the test's own: an agent's SIPp
 * phone registers on node A, a caller on node B presses 1 for an agent, and node B rings the
 * phone A published and bridges the call on B, RTP both ways; the agent's page, open on node A, gets
 * the screen pop node B raised.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ClusterAgentCallTest {
    private static final String MICHAEL_BROWN = "+14155550100";

    @Test
    void aCallerOnOneNodeIsBridgedToAnAgentWhosePhoneRegisteredOnAnother() throws Exception {
        int phonePort = FreePorts.sipPort();
        try (RedisServerProcess redis = new RedisServerProcess();
             TestServer a = node("node-a", redis);
             TestServer b = node("node-b", redis);
             RtpCapture callerMedia = new RtpCapture();
             RtpCapture agentMedia = new RtpCapture()) {
            CompletableFuture<Sipp.Result> phone = Agents.phone("agent-answer.xml", phonePort, agentMedia.port(),
                    Duration.ofSeconds(1));
            Agents.register(a, "agent1", "lab-agent1-change-me", phonePort);
            assertEquals("AVAILABLE", Agents.state(b, "agent1"), "node B sees node A's agent");
            assertEquals(0, Admin.get(b, "/registrations").path("agents").path("agent1").size(),
                    "the phone registered on node A only");
            DeskClient page = DeskClient.login(a, "agent1", "lab-agent1-change-me");
            CompletableFuture<JsonNode> pop = CompletableFuture.supplyAsync(() -> {
                try {
                    return page.firstEvent("/desk/events", "pop", Duration.ofSeconds(60));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            CompletableFuture<Sipp.Result> caller = Agents.caller(b, "info-then-listen.xml", MICHAEL_BROWN, "1",
                    callerMedia.port(), Duration.ofSeconds(12));
            awaitTrue(() -> Agents.state(a, "agent1").startsWith("ON_CALL"), Duration.ofSeconds(40));
            assertEquals(1, b.server.agentLegs(), "node B holds the agent leg");
            assertEquals(0, a.server.agentLegs());
            JsonNode popped = pop.get(30, TimeUnit.SECONDS);
            assertTrue(popped.path("url").asText().contains("etn=incident"),
                    "node A's page gets the pop of node B's call, Michael Brown's case: " + popped);

            InetSocketAddress nodeBCallerSide = callerMedia.packets().get(0).source();
            MarkedFrames.send(callerMedia, nodeBCallerSide, 50, (byte) 0x11);
            awaitTrue(() -> MarkedFrames.count(agentMedia, (byte) 0x11) >= 40, Duration.ofSeconds(5));
            InetSocketAddress nodeBAgentSide = agentMedia.packets().stream()
                    .filter(p -> p.payloadType() == 0).findFirst().orElseThrow().source();
            MarkedFrames.send(agentMedia, nodeBAgentSide, 50, (byte) 0x22);
            awaitTrue(() -> MarkedFrames.count(callerMedia, (byte) 0x22) >= 40, Duration.ofSeconds(5));

            Sipp.Result callerRun = caller.get(90, TimeUnit.SECONDS);
            assertTrue(callerRun.ok(), callerRun.output());
            Sipp.Result phoneRun = phone.get(90, TimeUnit.SECONDS);
            assertTrue(phoneRun.ok(), "node B must BYE the agent when the caller hangs up\n" + phoneRun.output());
            awaitTrue(() -> Agents.state(a, "agent1").equals("AVAILABLE"), Duration.ofSeconds(10));
            JsonNode record = Admin.records(b, 1).get(0);
            assertEquals("agent1", record.path("agent").asText(), record.toPrettyString());
            assertEquals("node-b", record.path("node").asText(), record.toPrettyString());
        }
    }

    private static TestServer node(String name, RedisServerProcess redis) throws Exception {
        return TestServer.start(new Overrides().set("call.flow", "flows/ms-dynamics.yaml")
                .set("queues.support.ring-timeout", "5s").set("queues.support.wrap-up", "1s")
                .set("sip.digest-algorithms", "md5").set("node.name", name)
                .set("cluster.redis", redis.uri().toString()).set("cluster.lease", "3s"));
    }
}
