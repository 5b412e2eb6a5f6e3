package org.popline.sip.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.popline.sip.testkit.Sipp;

/**
 * The cluster kit for real: Redis, Kamailio and two Popline processes on 127.0.0.x. Calls through
 * the proxy spread over the nodes (their call records say which node held them), and once a node
 * is killed the next calls are all served by the other.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class ClusterKitTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CALLS = 6;

    @Test
    void callsThroughTheProxySpreadOverTheNodesAndSurviveAKilledNode() throws Exception {
        try (ClusterKit kit = ClusterKit.up(2, List.of("call.flow=greeting", "call.greeting=Hello."))) {
            assertEquals(List.of("node-1", "node-2"), List.copyOf(kit.nodes.keySet()));

            Sipp.Result first = calls().run(kit.proxyPort, Duration.ofSeconds(60));
            assertTrue(first.ok(), first.output() + kit.logs());
            Map<String, Integer> served = recordsByNode(kit);
            assertEquals(CALLS, served.values().stream().mapToInt(Integer::intValue).sum(), "records " + served);
            assertTrue(served.get("node-1") > 0 && served.get("node-2") > 0, "both nodes served calls: " + served);

            kit.kill("node-1");
            Sipp.Result second = calls().run(kit.proxyPort, Duration.ofSeconds(90));
            assertTrue(second.ok(), second.output() + kit.logs());
            int node2Before = served.get("node-2");
            assertEquals(node2Before + CALLS, recordsOf(kit.nodes.get("node-2")), "every new call held by node-2");
        }
    }

    private static Sipp calls() {
        return Sipp.scenario("call-via-proxy.xml").key("pts", "0 8 101").calls(CALLS).pause(Duration.ofMillis(800));
    }

    private static Map<String, Integer> recordsByNode(ClusterKit kit) throws Exception {
        Map<String, Integer> served = new HashMap<>();
        for (ClusterKit.Node node : kit.nodes.values()) {
            served.put(node.name(), recordsOf(node));
        }
        return served;
    }

    /** Records the node wrote, each checked to carry the node's own name. */
    private static int recordsOf(ClusterKit.Node node) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/cdrs"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        int count = 0;
        for (JsonNode record : JSON.readTree(r.body())) {
            assertEquals(node.name(), record.path("node").asText(), record.toString());
            count++;
        }
        return count;
    }
}
