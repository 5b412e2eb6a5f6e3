package org.popline.sip.call;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.popline.media.audio.AudioClip;
import org.popline.media.audio.WavFile;
import org.popline.media.codec.Codec;
import org.popline.app.config.Overrides;
import org.popline.sip.testkit.RtpCapture;
import org.popline.sip.testkit.Sipp;
import org.popline.sip.testkit.TestServer;

/** On the default configuration the greeting is followed by the shipped music on hold. */
class HoldMusicCallTest {

    @Test
    void theShippedMusicFollowsTheGreetingFrameForFrame() throws Exception {
        AudioClip music = WavFile.load(TestServer.confDir().resolve("audio/hold-music.wav"));
        byte[] encoded = music.encoded(Codec.PCMU);
        try (TestServer popline = TestServer.start(new Overrides().set("call.greeting", "Please hold."));
             RtpCapture rtp = new RtpCapture()) {
            Sipp.Result sipp = Sipp.scenario("call.xml").key("rtpport", Integer.toString(rtp.port())).key("pts", "0")
                    .pause(Duration.ofSeconds(4)).run(popline.sipPort, Duration.ofSeconds(20));
            assertTrue(sipp.ok(), sipp.output());
            List<RtpCapture.Packet> packets = rtp.packets();
            byte[] firstFrame = Arrays.copyOf(encoded, 160);
            int start = -1;
            for (int i = 0; i < packets.size() && start < 0; i++) {
                if (Arrays.equals(firstFrame, packets.get(i).payload())) {
                    start = i;
                }
            }
            assertTrue(start > 0, "the music's first frame never came");
            assertTrue(packets.size() - start > 50, "too little music: " + (packets.size() - start) + " frames");
            for (int f = 0; f < 50; f++) {
                assertArrayEquals(Arrays.copyOfRange(encoded, f * 160, f * 160 + 160),
                        packets.get(start + f).payload(), "music frame " + f);
            }
        }
    }
}
