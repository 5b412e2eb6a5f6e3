package org.popline.sip.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.popline.sip.testkit.Traces.mainPath;
import static org.popline.sip.testkit.Traces.step;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.popline.media.audio.AudioClip;
import org.popline.media.codec.Codec;
import org.popline.media.tts.FreeTtsSynthesizer;
import org.popline.app.config.Overrides;
import org.popline.sip.testkit.Admin;
import org.popline.sip.testkit.RtpCapture;
import org.popline.sip.testkit.Sipp;
import org.popline.sip.testkit.TestServer;

/**
 * The shipped MS Dynamics flow end to end: real SIPp callers whose numbers are seeded contacts of
 * the embedded Dataverse emulator, real RFC 4733 key presses, and the flow trace read over HTTP.
 */
class ReferenceFlowCallTest {
    private static final String MICHAEL_BROWN = "+14155550100";
    private static final String GRACE_LEE = "+14155550108";
    private static TestServer popline;

    @BeforeAll
    static void start() throws Exception {
        popline = TestServer.start(new Overrides().set("call.flow", "flows/ms-dynamics.yaml"));
    }

    @AfterAll
    static void stop() {
        popline.close();
    }

    @Test
    void pressingTwoInTheMenuMakesPoplineHangUp() throws Exception {
        // Pressed during the greeting: type-ahead skips the interruptible prompts and answers the menu.
        Sipp.Result sipp = Sipp.scenario("dtmf-then-wait-for-bye.xml").key("caller", MICHAEL_BROWN).key("digits", "2")
                .pause(Duration.ofMillis(1000)).run(popline.sipPort, Duration.ofSeconds(40));
        assertTrue(sipp.ok(), "Popline must send BYE after 2:\n" + sipp.output());

        JsonNode trace = lastTrace();
        assertEquals("disconnected by flow", trace.path("ending").asText(), trace.toPrettyString());
        assertEquals(List.of("StripANI", "Greeting", "FindCustomer", "SetExisting", "CaseExists", "PlayCaseTitle",
                "MainMenu", "Goodbye", "DisconnectContact"), mainPath(trace));
        assertCrmAnswersIn(trace);
        assertEquals("2", step(trace, "MainMenu").path("outcome").asText());
        assertEquals("2", trace.path("digits").get(0).asText());
        popline.awaitIdle();
    }

    @Test
    void pressingOneQueuesTheCallerWithMusic() throws Exception {
        double spokenSeconds = seconds("Welcome to Popline customer support.")
                + seconds("Hello Michael Brown. Your latest case, number C A S, 0 1 0 2 5, 2 0 5 C O 0, "
                        + "is about Phone line has static noise.")
                + seconds("Press 1 to speak to an agent. Press 2 to end this call.");
        CompletableFuture<Sipp.Result> call = CompletableFuture.supplyAsync(() -> {
            try {
                return Sipp.scenario("dtmf-then-listen.xml").key("caller", MICHAEL_BROWN).key("digits", "1")
                        .pause(Duration.ofMillis(Math.round(spokenSeconds * 1000) + 1500))
                        .run(popline.sipPort, Duration.ofSeconds(60));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        JsonNode live = awaitCurrentActivity("PlayMusic", Duration.ofSeconds((long) spokenSeconds + 20));
        String callId = live.path("callId").asText();
        assertEquals(List.of(callId), Admin.waitingIn(popline, "support"),
                "the caller waits in the queue while the music plays");

        Sipp.Result sipp = call.get(90, TimeUnit.SECONDS);
        assertTrue(sipp.ok(), sipp.output());
        JsonNode trace = Admin.get(popline, "/flows/traces?call=" + callId);
        assertEquals("caller hung up", trace.path("ending").asText(), trace.toPrettyString());
        List<String> path = mainPath(trace);
        assertEquals(List.of("StripANI", "Greeting", "FindCustomer", "SetExisting", "CaseExists", "PlayCaseTitle",
                "MainMenu", "QueueContact"), path.subList(0, 8));
        assertTrue(path.subList(8, path.size()).stream().allMatch("PlayMusic"::equals), path.toString());
        assertEquals("1", step(trace, "MainMenu").path("outcome").asText());
        assertEquals("queued", step(trace, "QueueContact").path("outcome").asText());
        assertCrmAnswersIn(trace);
        assertEquals(List.of(), Admin.waitingIn(popline, "support"), "a caller who hung up has left the queue");
        popline.awaitIdle();
    }

    @Test
    void aKnownCallerHearsTheWholePersonalisedPromptThatPlaysWhileItIsSynthesised() throws Exception {
        String personalised = "Hello Grace Lee. Your latest case, number C A S, 0 1 0 1 0, T Q C F C 3, "
                + "is about Email forwarding not working.";
        byte[] expected = new AudioClip(new FreeTtsSynthesizer("kevin").synthesize(personalised)).encoded(Codec.PCMU);
        double listenSeconds = seconds("Welcome to Popline customer support.") + expected.length / 8000.0 + 5;
        try (RtpCapture rtp = new RtpCapture()) {
            Sipp.Result sipp = Sipp.scenario("call.xml").key("caller", GRACE_LEE).key("rtpport", Integer.toString(rtp.port()))
                    .key("pts", "0 101").pause(Duration.ofMillis(Math.round(listenSeconds * 1000)))
                    .run(popline.sipPort, Duration.ofSeconds(60));
            assertTrue(sipp.ok(), sipp.output());
            popline.awaitIdle();
            JsonNode trace = awaitFinishedTrace(GRACE_LEE);
            assertEquals(personalised, step(trace, "PlayCaseTitle").path("inputs").path("text").asText(),
                    trace.toPrettyString());
            Map<String, Double> metrics = metrics();
            assertTrue(metrics.get("popline_prompt_first_frame_seconds_count{synthesis=\"streamed\"}") >= 1,
                    "the prompt was streamed: " + metrics);
            long underruns = Math.round(metrics.get("popline_tts_stream_underruns_total"));
            assertHeardWhole(expected, rtp.packets(), underruns);
        }
        popline.awaitIdle();
    }

    /**
     * Every frame of {@code expected} arrived, in order, from the frame where it starts; only as many
     * frames of silence as the server counted underruns may come between them.
     */
    private static void assertHeardWhole(byte[] expected, List<RtpCapture.Packet> packets, long underruns) {
        byte[] first = Arrays.copyOf(expected, 160);
        int at = 0;
        while (at < packets.size() && !Arrays.equals(first, packets.get(at).payload())) {
            at++;
        }
        assertTrue(at < packets.size(), "the personalised prompt's first frame never arrived");
        long silencesLeft = underruns;
        for (int offset = 0; offset < expected.length; at++) {
            assertTrue(at < packets.size(), "the prompt stopped at sample " + offset + " of " + expected.length);
            byte[] want = Arrays.copyOfRange(expected, offset, offset + 160);
            Arrays.fill(want, Math.min(160, expected.length - offset), 160, Codec.PCMU.silence());
            byte[] got = packets.get(at).payload();
            if (Arrays.equals(want, got)) {
                offset += 160;
            } else {
                assertTrue(silencesLeft-- > 0 && isSilence(got), "sample " + offset + " of the prompt differs");
            }
        }
    }

    private static boolean isSilence(byte[] payload) {
        for (byte b : payload) {
            if (b != Codec.PCMU.silence()) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Double> metrics() throws Exception {
        Map<String, Double> series = new HashMap<>();
        for (String line : Admin.text(popline, "/metrics").body().split("\n")) {
            int space = line.lastIndexOf(' ');
            if (!line.startsWith("#") && space > 0) {
                series.put(line.substring(0, space), Double.valueOf(line.substring(space + 1)));
            }
        }
        return series;
    }

    @Test
    void aCallerWhoHangsUpDuringTheGreetingCostsTheCrmNothing() throws Exception {
        Sipp.Result sipp = Sipp.scenario("call.xml").key("caller", MICHAEL_BROWN).key("pts", "0 101")
                .pause(Duration.ofMillis(1000)).run(popline.sipPort, Duration.ofSeconds(20));
        assertTrue(sipp.ok(), sipp.output());
        JsonNode trace = lastTrace();
        assertEquals("caller hung up", trace.path("ending").asText(), trace.toPrettyString());
        assertEquals(List.of("StripANI", "Greeting"), mainPath(trace), "no lookup for a caller who is gone");
        popline.awaitIdle();
    }

    private static void assertCrmAnswersIn(JsonNode trace) {
        JsonNode customer = step(trace, "FindCustomer");
        assertEquals("found", customer.path("outcome").asText(), customer.toPrettyString());
        assertEquals(1, customer.path("outputs").path("matches").asInt());
        assertEquals("Michael Brown", customer.path("outputs").path("ContactName").asText());
        assertEquals("4e7ea772-424f-5a26-b9da-fd21a1c81440", customer.path("outputs").path("CustomerID").asText());
        assertEquals("CAS-01025-205CO0", customer.path("outputs").path("CaseNumber").asText(), customer.toPrettyString());
        assertEquals("Phone line has static noise", customer.path("outputs").path("CaseTitle").asText());
    }

    private static double seconds(String text) {
        return new FreeTtsSynthesizer("kevin").synthesize(text).length / 8000.0;
    }

    private static JsonNode lastTrace() throws Exception {
        return lastTrace(MICHAEL_BROWN);
    }

    /** The flow thread ends its trace when it next looks at the call, a little after the call is gone. */
    private static JsonNode awaitFinishedTrace(String caller) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try {
                return lastTrace(caller);
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static JsonNode lastTrace(String caller) throws Exception {
        JsonNode recent = Admin.get(popline, "/flows/traces");
        for (JsonNode t : recent) {
            if (!t.path("endedAt").isNull() && t.path("ani").asText().equals(caller)) {
                return t;
            }
        }
        throw new AssertionError("no finished trace: " + recent.toPrettyString());
    }

    private static JsonNode awaitCurrentActivity(String activity, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            for (JsonNode t : Admin.get(popline, "/flows/traces")) {
                last = t;
                if (t.path("endedAt").isNull() && activity.equals(t.path("current").asText())) {
                    return t;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no call reached " + activity + "; last trace: "
                + (last == null ? "none" : last.toPrettyString()));
    }
}
