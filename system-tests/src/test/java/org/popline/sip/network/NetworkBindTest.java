package org.popline.sip.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popline.app.config.Overrides;
import org.popline.sip.testkit.Admin;
import org.popline.sip.testkit.Sipp;
import org.popline.sip.testkit.TestServer;

/**
 * Popline bound to 127.0.0.2, standing in for a LAN address, with the reference flow and the
 * embedded CRM emulator; real callers on 127.0.0.1. The issue this proves fixed: the emulator
 * followed --bind, its certificate did not name the address, and every caller went unrecognised.
 */
class NetworkBindTest {
    private static final String LAN = "127.0.0.2";
    private static final String MICHAEL_BROWN = "+14155550100";
    private static TestServer popline;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        popline = TestServer.start(new Overrides().set("call.flow", "flows/ms-dynamics.yaml")
                .set("sip.bind-address", LAN));
    }

    @AfterAll
    static void stop() {
        popline.close();
    }

    @Test
    void aSippCallerIsRecognisedByName() throws Exception {
        // Long enough for the greeting, both CRM requests and the start of the personal message.
        Sipp.Result sipp = Sipp.scenario("call.xml").to(LAN).key("caller", MICHAEL_BROWN).key("pts", "0 101")
                .pause(Duration.ofSeconds(12)).run(popline.sipPort, Duration.ofSeconds(40));
        assertTrue(sipp.ok(), sipp.output());
        assertRecognised(lastTraceOf(MICHAEL_BROWN, null));
    }

    @Test
    void aBaresipCallerIsRecognisedByNameAndHearsIt() throws Exception {
        Path script = dir.resolve("baresip-call.sh");
        try (var in = NetworkBindTest.class.getResourceAsStream("/peers/baresip-call.sh")) {
            Files.copy(in, script);
        }
        String before = newestCallId();
        ProcessBuilder call = new ProcessBuilder("bash", script.toString(), LAN + ":" + popline.sipPort, "", "12",
                dir.resolve("heard.wav").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("baresip.out").toFile());
        call.environment().put("SIP_USER", MICHAEL_BROWN);
        Process p = call.start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "baresip recipe did not finish");
        String out = Files.readString(dir.resolve("baresip.out"));
        assertEquals(0, p.exitValue(), "the call connects and what baresip hears is not silent:\n" + out);
        assertRecognised(lastTraceOf(MICHAEL_BROWN, before));
    }

    @Test
    void theAgentsPageListensWithSipAndTheAdminApiOnlyOnLoopback() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(
                URI.create("http://" + LAN + ":" + popline.server.deskPort() + "/desk/")).timeout(Duration.ofSeconds(5))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        assertRefused("127.0.0.1", popline.server.deskPort());

        assertRefused(LAN, popline.server.httpPort());
        assertEquals("up", Admin.get(popline, "/health").path("status").asText(), "the admin API on 127.0.0.1");
    }

    private static void assertRefused(String address, int port) {
        assertThrows(ConnectException.class, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(address, port), 5000);
            }
        }, "nothing listens on " + address + ":" + port);
    }

    /** The flow trace shows what the CRM answered, and the personal message that was read out. */
    private static void assertRecognised(JsonNode trace) {
        JsonNode customer = step(trace, "FindCustomer");
        assertEquals("found", customer.path("outcome").asText(), trace.toPrettyString());
        assertEquals("Michael Brown", customer.path("outputs").path("ContactName").asText());
        assertEquals("CAS-01025-205CO0", customer.path("outputs").path("CaseNumber").asText(), customer.toPrettyString());
        assertTrue(step(trace, "PlayCaseTitle").path("inputs").path("text").asText()
                .startsWith("Hello Michael Brown. Your latest case"), trace.toPrettyString());
    }

    private static String newestCallId() throws Exception {
        JsonNode recent = Admin.get(popline, "/flows/traces");
        return recent.isEmpty() ? null : recent.get(0).path("callId").asText();
    }

    /** The newest finished trace of a call from {@code ani}, other than the call {@code notCallId}. */
    private static JsonNode lastTraceOf(String ani, String notCallId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        JsonNode recent = null;
        while (System.nanoTime() < deadline) {
            recent = Admin.get(popline, "/flows/traces");
            for (JsonNode t : recent) {
                if (!t.path("endedAt").isNull() && t.path("ani").asText().equals(ani)
                        && !t.path("callId").asText().equals(notCallId)) {
                    return t;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no finished trace of " + ani + ": " + recent);
    }

    private static JsonNode step(JsonNode trace, String activity) {
        for (JsonNode s : trace.path("steps")) {
            if (s.path("activity").asText().equals(activity)) {
                return s;
            }
        }
        throw new AssertionError("no step " + activity + " in " + trace.toPrettyString());
    }
}
