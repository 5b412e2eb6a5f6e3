package org.popline.sip.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads Popline's admin JSON over real HTTP, as an operator's script would. */
public final class Admin {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Admin() {
    }

    /** The call ids waiting in a queue, as {@code /queues} lists them. */
    public static List<String> waitingIn(TestServer popline, String queue) throws Exception {
        List<String> callIds = new ArrayList<>();
        for (JsonNode q : get(popline, "/queues")) {
            if (q.path("name").asText().equals(queue)) {
                q.path("waiting").forEach(w -> callIds.add(w.path("callId").asText()));
            }
        }
        return callIds;
    }

    public static JsonNode get(TestServer popline, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + popline.server.httpPort() + path)).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + popline.adminToken()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /**
     * The newest call detail records once at least {@code count} are there: records reach {@code /cdrs} from the
     * writer's own thread after the call has ended, so a test that has seen the call end still waits for them.
     */
    public static JsonNode records(TestServer popline, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode records = get(popline, "/cdrs");
        while (records.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after 10 s waiting for " + count + " call records: " + records);
            }
            Thread.sleep(50);
            records = get(popline, "/cdrs");
        }
        return records;
    }

    /** A GET answering something other than JSON (metrics, CSV), as it came: status, headers and text. */
    public static HttpResponse<String> text(TestServer popline, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + popline.server.httpPort() + path))
                .header("Authorization", "Bearer " + popline.adminToken())
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST to an admin action with the token, and extra headers as name/value pairs; answers the status code. */
    public static int post(TestServer popline, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + popline.server.httpPort() + path)).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + popline.adminToken())
                .POST(HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** The agent's bindings as {@code GET /registrations} shows them, most recent first. */
    public static JsonNode bindings(TestServer popline, String agentId) throws Exception {
        JsonNode agent = get(popline, "/registrations").path("agents").path(agentId);
        if (!agent.isArray()) {
            throw new IllegalStateException("no agent " + agentId + " in /registrations");
        }
        return agent;
    }

    /** The screen pop URL of the live call, if any call is live and has popped. */
    public static java.util.Optional<String> liveCallPop(TestServer popline) {
        try {
            for (JsonNode call : get(popline, "/calls").path("live")) {
                if (call.path("screenPop").path("url").isTextual()) {
                    return java.util.Optional.of(call.path("screenPop").path("url").asText());
                }
            }
            return java.util.Optional.empty();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The digits of the most recent ended call. */
    public static String lastCallDigits(TestServer popline) throws Exception {
        JsonNode recent = get(popline, "/calls").path("recent");
        return recent.isEmpty() ? null : recent.get(0).path("digits").asText();
    }
}
