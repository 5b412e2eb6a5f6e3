package org.popline.sip.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popline.sip.testkit.Admin;
import org.popline.sip.testkit.TestServer;

/**
 * A real softphone (Debian's baresip, driven headless by the shared recipe) calls in and records
 * what it hears; the recipe fails unless the call connects and the recording is not silent.
 */
class SoftphoneCallTest {
    @TempDir
    Path dir;

    @Test
    void baresipCallerHearsTheGreeting() throws Exception {
        Path script = dir.resolve("baresip-call.sh");
        try (var in = SoftphoneCallTest.class.getResourceAsStream("/peers/baresip-call.sh")) {
            Files.copy(in, script);
        }
        Path wav = dir.resolve("heard.wav");
        try (TestServer popline = TestServer.start()) {
            Process p = new ProcessBuilder("bash", script.toString(), "127.0.0.1:" + popline.sipPort, "", "8",
                    wav.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("baresip.out").toFile()).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "baresip recipe did not finish");
            String out = Files.readString(dir.resolve("baresip.out"));
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("RMS="), out);
            popline.awaitIdle();
            // What RTCP told both ways: baresip's Receiver Reports about our stream, our count of its RTP.
            var audio = Admin.get(popline, "/calls").path("recent").get(0).path("audio");
            assertTrue(audio.path("peerReports").asLong() >= 1, "baresip reported on our stream: " + audio);
            assertTrue(audio.path("peerFractionLost").asDouble() < 0.05, audio.toString());
            assertTrue(audio.path("received").asLong() > 200, "baresip's RTP reached us: " + audio);
        }
    }
}
