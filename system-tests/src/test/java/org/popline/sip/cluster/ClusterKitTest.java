package org.popline.sip.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.popline.sip.testkit.Agents;
import org.popline.sip.testkit.FreePorts;
import org.popline.sip.testkit.MarkedFrames;
import org.popline.sip.testkit.RtpCapture;
import org.popline.sip.testkit.Sipp;

/**
 * The cluster kit for real: Redis, Kamailio and two Popline processes on 127.0.0.x, running the
 * reference flow. Calls through the proxy spread over the nodes (their call records say which node
 * held them); an agent's phone registered through the proxy (so with a Path) on one node answers a
 * caller held by the other, reached through the proxy, RTP both ways; once a node is killed the
 * next calls are all served by the other.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ClusterKitTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CALLS = 6;

    @Test
    void callsSpreadAnAgentBehindTheProxyAnswersAnotherNodesCallerAndAKilledNodeLeavesCallsServed() throws Exception {
        try (ClusterKit kit = ClusterKit.up(2, List.of("sip.digest-algorithms=md5", "queues.support.ring-timeout=5s",
                "queues.support.wrap-up=1s"))) {
            assertEquals(List.of("node-1", "node-2"), List.copyOf(kit.nodes.keySet()));

            Sipp.Result first = calls().run(kit.proxyPort, Duration.ofSeconds(60));
            assertTrue(first.ok(), first.output() + kit.logs());
            // a record is written once the call's flow has finished too
            Agents.awaitTrue(() -> total(recordsByNode(kit)) == CALLS, Duration.ofSeconds(30));
            Map<String, Integer> served = recordsByNode(kit);
            assertEquals(CALLS, total(served), "records " + served);
            assertTrue(served.get("node-1") > 0 && served.get("node-2") > 0, "both nodes served calls: " + served);

            ClusterKit.Node agentCaller = agentAnswersACallerOfTheOtherNode(kit);
            served.merge(agentCaller.name(), 1, Integer::sum);

            kit.kill("node-1");
            Sipp.Result second = calls().run(kit.proxyPort, Duration.ofSeconds(90));
            assertTrue(second.ok(), second.output() + kit.logs());
            int expected = served.get("node-2") + CALLS;
            Agents.awaitTrue(() -> recordsOf(kit.nodes.get("node-2")) >= expected, Duration.ofSeconds(30));
            assertEquals(expected, recordsOf(kit.nodes.get("node-2")), "every new call held by node-2");
        }
    }

    /** @return the node that held the caller */
    private static ClusterKit.Node agentAnswersACallerOfTheOtherNode(ClusterKit kit) throws Exception {
        int phonePort = FreePorts.sipPort();
        try (RtpCapture callerMedia = new RtpCapture(); RtpCapture agentMedia = new RtpCapture()) {
            // from the phone's own port: the proxy's Path records where the REGISTER came from
            Sipp.Result registered = Sipp.scenario("register.xml").auth("agent1", "lab-agent1-change-me")
                    .key("user", "agent1").key("contact", "sip:agent1@127.0.0.1:" + phonePort).key("expires", "300")
                    .fromPort(phonePort).run(kit.proxyPort, Duration.ofSeconds(10));
            assertTrue(registered.ok(), registered.output() + kit.logs());
            CompletableFuture<Sipp.Result> phone = Agents.phone("agent-answer.xml", phonePort, agentMedia.port(),
                    Duration.ofSeconds(1));
            ClusterKit.Node home = null;
            for (ClusterKit.Node node : kit.nodes.values()) {
                JsonNode bindings = get(node, "/registrations").path("agents").path("agent1");
                if (bindings.size() > 0) {
                    home = node;
                    assertTrue(bindings.get(0).path("path").toString().contains("127.0.0.1:" + kit.proxyPort),
                            "the binding keeps the proxy's Path: " + bindings);
                }
            }
            assertTrue(home != null, "the phone registered on one node");
            ClusterKit.Node phoneNode = home;
            ClusterKit.Node callerNode = kit.nodes.values().stream().filter(node -> !node.equals(phoneNode))
                    .findFirst().orElseThrow();
            Agents.awaitTrue(() -> agentState(callerNode).equals("AVAILABLE"), Duration.ofSeconds(10));

            CompletableFuture<Sipp.Result> caller = CompletableFuture.supplyAsync(() -> {
                try {
                    return Sipp.scenario("info-then-listen.xml").key("caller", "+14155550100").key("digit", "1")
                            .key("rtpport", Integer.toString(callerMedia.port())).pause(Duration.ofSeconds(10))
                            .to(callerNode.sipAddress()).run(callerNode.sipPort(), Agents.RUN);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Agents.awaitTrue(() -> agentState(callerNode).startsWith("ON_CALL"), Duration.ofSeconds(40));
            InetSocketAddress callerSide = callerMedia.packets().get(0).source();
            assertEquals(callerNode.sipAddress(), callerSide.getAddress().getHostAddress(), "media stays on the caller's node");
            MarkedFrames.send(callerMedia, callerSide, 50, (byte) 0x11);
            Agents.awaitTrue(() -> MarkedFrames.count(agentMedia, (byte) 0x11) >= 40, Duration.ofSeconds(5));
            InetSocketAddress agentSide = agentMedia.packets().stream()
                    .filter(p -> p.payloadType() == 0).findFirst().orElseThrow().source();
            assertEquals(callerNode.sipAddress(), agentSide.getAddress().getHostAddress(), "bridged on the caller's node");
            MarkedFrames.send(agentMedia, agentSide, 50, (byte) 0x22);
            Agents.awaitTrue(() -> MarkedFrames.count(callerMedia, (byte) 0x22) >= 40, Duration.ofSeconds(5));

            Sipp.Result callerRun = caller.get(90, TimeUnit.SECONDS);
            assertTrue(callerRun.ok(), callerRun.output());
            Sipp.Result phoneRun = phone.get(90, TimeUnit.SECONDS);
            assertTrue(phoneRun.ok(), phoneRun.output() + kit.logs());
            assertTrue(kit.log("kamailio").contains("agent leg INVITE sip:agent1@127.0.0.1:" + phonePort),
                    "the caller's node reached the phone through the proxy, by its Path\n" + kit.logs());
            Agents.awaitTrue(() -> agentState(callerNode).equals("AVAILABLE"), Duration.ofSeconds(10));
            return callerNode;
        }
    }

    private static String agentState(ClusterKit.Node node) {
        try {
            for (JsonNode agent : get(node, "/agents")) {
                if (agent.path("id").asText().equals("agent1")) {
                    return agent.path("state").asText();
                }
            }
            return "unknown";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode get(ClusterKit.Node node, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + path))
                .header("Authorization", "Bearer " + Files.readString(node.adminToken()).trim())
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static Sipp calls() {
        return Sipp.scenario("call-via-proxy.xml").key("pts", "0 8 101").calls(CALLS).pause(Duration.ofMillis(800));
    }

    private static int total(Map<String, Integer> served) {
        return served.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static Map<String, Integer> recordsByNode(ClusterKit kit) {
        Map<String, Integer> served = new HashMap<>();
        for (ClusterKit.Node node : kit.nodes.values()) {
            served.put(node.name(), recordsOf(node));
        }
        return served;
    }

    /** Records the node wrote, each checked to carry the node's own name. */
    private static int recordsOf(ClusterKit.Node node) {
        int count = 0;
        try {
            for (JsonNode record : get(node, "/cdrs")) {
                assertEquals(node.name(), record.path("node").asText(), record.toString());
                count++;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return count;
    }
}
