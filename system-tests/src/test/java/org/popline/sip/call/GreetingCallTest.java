package org.popline.sip.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.popline.media.codec.Codec;
import org.popline.media.tts.FreeTtsSynthesizer;
import org.popline.app.config.Overrides;
import org.popline.sip.testkit.FreePorts;
import org.popline.sip.testkit.RtpCapture;
import org.popline.sip.testkit.RtpStream;
import org.popline.sip.testkit.Sipp;
import org.popline.sip.testkit.TestServer;

/** Real SIPp calls against a running Popline; the RTP it sends is judged at a socket the test owns. */
class GreetingCallTest {
    private static final String GREETING = "Welcome to Popline. Your call matters to us.";
    private static TestServer popline;
    private static double greetingSeconds;

    @BeforeAll
    static void start() throws Exception {
        popline = TestServer.start(new Overrides().set("call.greeting", GREETING).set("call.after-greeting", "silence"));
        greetingSeconds = new FreeTtsSynthesizer("kevin").synthesize(GREETING).length / 8000.0;
    }

    @AfterAll
    static void stop() {
        popline.close();
    }

    @Test
    void callerHearsTheGreetingAsPacedRtpAndThePortIsFreedAfterBye() throws Exception {
        try (RtpCapture rtp = new RtpCapture()) {
            Sipp.Result sipp = Sipp.scenario("call.xml").key("rtpport", Integer.toString(rtp.port()))
                    .key("pts", "0 8 101").pause(Duration.ofMillis(Math.round(greetingSeconds * 1000) + 2500))
                    .run(popline.sipPort, Duration.ofSeconds(30));
            assertTrue(sipp.ok(), sipp.output());
            popline.awaitIdle();
            List<RtpCapture.Packet> packets = rtp.packets();
            assertTrue(packets.size() > 100, "too few RTP packets: " + packets.size());

            RtpCapture.Packet first = packets.get(0);
            assertTrue(first.marker(), "first packet of the talkspurt carries the marker bit");
            long skipped = 0;
            for (int i = 1; i < packets.size(); i++) {
                RtpCapture.Packet p = packets.get(i);
                RtpCapture.Packet prev = packets.get(i - 1);
                assertEquals(0, p.payloadType(), "answered PCMU");
                assertEquals(first.ssrc(), p.ssrc());
                assertEquals((prev.sequence() + 1) & 0xffff, p.sequence(), "consecutive sequence at packet " + i);
                long step = (p.timestamp() - prev.timestamp()) & 0xffffffffL;
                assertTrue(step >= 160 && step % 160 == 0, "timestamp step " + step + " at packet " + i);
                skipped += step / 160 - 1;
                assertFalse(p.marker(), "marker only on the first packet");
                assertEquals(160, p.payload().length);
            }
            // +160 per frame; only when an overloaded machine stalls the clock may it skip frames ahead.
            assertTrue(skipped <= popline.server.mediaLateTicks(), skipped + " frames skipped, clock reports "
                    + popline.server.mediaLateTicks());
            double meanMs = (packets.get(packets.size() - 1).arrivalNanos() - first.arrivalNanos())
                    / 1e6 / (packets.size() - 1);
            assertEquals(20.0, meanMs, 1.0, "mean interval between packets");

            assertSpeechOfGreetingLength(packets);

            long lastArrival = packets.get(packets.size() - 1).arrivalNanos();
            assertTrue(lastArrival < sipp.endedAtNanos() + TimeUnit.SECONDS.toNanos(1),
                    "RTP went on " + (lastArrival - sipp.endedAtNanos()) / 1e6 + " ms after the call ended");
            int popPort = first.source().getPort();
            assertTrue(FreePorts.udpFree(popPort), "Popline's RTP port " + popPort + " is free again");
        }
    }

    /** Voiced frames should span about the greeting's length, followed by silence. */
    private static void assertSpeechOfGreetingLength(List<RtpCapture.Packet> packets) {
        int firstVoiced = -1;
        int lastVoiced = -1;
        int voiced = 0;
        short[] pcm = new short[160];
        for (int i = 0; i < packets.size(); i++) {
            Codec.PCMU.decode(packets.get(i).payload(), 0, pcm, 0, 160);
            double sum = 0;
            for (short s : pcm) {
                sum += (double) s * s;
            }
            double rms = Math.sqrt(sum / pcm.length);
            if (rms > 300) {
                voiced++;
                lastVoiced = i;
                if (firstVoiced < 0) {
                    firstVoiced = i;
                }
            }
        }
        assertTrue(firstVoiced >= 0, "no audible frame at all");
        double spanSeconds = (lastVoiced - firstVoiced + 1) * 0.020;
        assertEquals(greetingSeconds, spanSeconds, greetingSeconds * 0.35,
                "speech lasts about as long as the synthesised greeting");
        assertTrue(voiced > (lastVoiced - firstVoiced + 1) * 0.4, "speech is mostly voiced: " + voiced);
        assertTrue(voiced < packets.size() * 0.9, "the stream is not loud throughout (noise, not speech)");
    }

    @Test
    void symmetricRtpFollowsACallerBehindNatOnceStrictRtpHasLearntIt() throws Exception {
        try (RtpCapture announced = new RtpCapture(); RtpCapture actual = new RtpCapture()) {
            CompletableFuture<Sipp.Result> caller = CompletableFuture.supplyAsync(() -> {
                try {
                    return Sipp.scenario("call.xml").key("rtpport", Integer.toString(announced.port())).key("pts", "0")
                            .pause(Duration.ofSeconds(3)).run(popline.sipPort, Duration.ofSeconds(20));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (announced.packets().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(announced.packets().isEmpty(), "RTP first goes where the SDP says");
            InetSocketAddress popRtp = announced.packets().get(0).source();
            RtpStream natted = new RtpStream(actual.channel(), popRtp, 0x1234, 1);
            natted.sendAudio(1, 0);
            // A negative: nothing may arrive; 300 ms is many frame times for a wrongly redirected stream.
            Thread.sleep(300);
            assertTrue(actual.packets().isEmpty(), "one packet from elsewhere does not redirect the call's media");
            natted.sendAudio(3, 20);
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (actual.packets().size() <= 10 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(actual.packets().size() > 10,
                    "after 4 packets in sequence from another port, Popline sends there: " + actual.packets().size());
            Sipp.Result sipp = caller.get(30, TimeUnit.SECONDS);
            assertTrue(sipp.ok(), sipp.output());
        }
    }

    @Test
    void offerWithoutACommonCodecIsRefusedWith488() throws Exception {
        Sipp.Result sipp = Sipp.scenario("no-common-codec.xml").run(popline.sipPort, Duration.ofSeconds(15));
        assertTrue(sipp.ok(), sipp.output());
        assertEquals(0, popline.server.openRtpPorts());
    }

    @Test
    void pcmaFirstInTheOfferIsAnsweredWithPcma() throws Exception {
        try (RtpCapture rtp = new RtpCapture()) {
            Sipp.Result sipp = Sipp.scenario("call.xml").key("rtpport", Integer.toString(rtp.port()))
                    .key("pts", "18 8 0 101").pause(Duration.ofSeconds(1)).run(popline.sipPort, Duration.ofSeconds(15));
            assertTrue(sipp.ok(), sipp.output());
            assertTrue(sipp.output().contains("RTP/AVP 8 101"), sipp.output());
            assertFalse(rtp.packets().isEmpty());
            assertTrue(rtp.packets().stream().allMatch(p -> p.payloadType() == 8));
        }
    }

    @Test
    void lateOfferTakesTheAnswerFromTheAck() throws Exception {
        try (RtpCapture rtp = new RtpCapture()) {
            Sipp.Result sipp = Sipp.scenario("late-offer.xml").key("rtpport", Integer.toString(rtp.port()))
                    .pause(Duration.ofSeconds(1)).run(popline.sipPort, Duration.ofSeconds(15));
            assertTrue(sipp.ok(), sipp.output());
            assertTrue(rtp.packets().size() > 20, "RTP after the ACK's answer: " + rtp.packets().size());
            assertTrue(rtp.packets().stream().allMatch(p -> p.payloadType() == 8), "PCMA as answered in the ACK");
        }
    }

    @Test
    void reInviteMovesTheStreamToTheNewAddressAndCodec() throws Exception {
        try (RtpCapture first = new RtpCapture(); RtpCapture second = new RtpCapture()) {
            Sipp.Result sipp = Sipp.scenario("reinvite.xml").key("rtpport", Integer.toString(first.port()))
                    .key("rtpport2", Integer.toString(second.port())).pause(Duration.ofSeconds(1))
                    .run(popline.sipPort, Duration.ofSeconds(15));
            assertTrue(sipp.ok(), sipp.output());
            assertTrue(first.packets().size() > 20, "PCMU before the re-INVITE: " + first.packets().size());
            assertTrue(first.packets().stream().allMatch(p -> p.payloadType() == 0));
            assertTrue(second.packets().size() > 20, "PCMA after the re-INVITE: " + second.packets().size());
            assertTrue(second.packets().stream().allMatch(p -> p.payloadType() == 8));
            RtpCapture.Packet last = first.packets().get(first.packets().size() - 1);
            RtpCapture.Packet next = second.packets().get(0);
            assertEquals(last.ssrc(), next.ssrc(), "one stream, moved");
            assertEquals((last.sequence() + 1) & 0xffff, next.sequence());
        }
    }

    @Test
    void callOverTcpIsAnswered() throws Exception {
        try (RtpCapture rtp = new RtpCapture()) {
            Sipp.Result sipp = Sipp.scenario("call.xml").tcp().key("rtpport", Integer.toString(rtp.port()))
                    .key("pts", "0 101").pause(Duration.ofSeconds(1)).run(popline.sipPort, Duration.ofSeconds(15));
            assertTrue(sipp.ok(), sipp.output());
            assertTrue(rtp.packets().size() > 20);
        }
    }
}
