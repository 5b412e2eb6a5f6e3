package org.popline.sip.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.popline.media.codec.Codec;
import org.popline.media.dtmf.Rfc4733Sender;
import org.popline.media.rtp.RtpPacketizer;
import org.popline.app.config.Overrides;
import org.popline.sip.testkit.Admin;
import org.popline.sip.testkit.RtpCapture;
import org.popline.sip.testkit.Sipp;
import org.popline.sip.testkit.TestServer;

/** Key presses from real SIPp callers in every form Popline understands, and barge-in. */
class DtmfCallTest {
    private static final String LONG_GREETING = "Welcome to Popline. This greeting is long on purpose, so that a key "
            + "press can cut it short. Please press a key now, or keep listening to this rather long sentence.";
    private static TestServer popline;

    @BeforeAll
    static void start() throws Exception {
        popline = TestServer.start(new Overrides().set("call.greeting", LONG_GREETING)
                .set("call.inband-dtmf", "true").set("call.after-greeting", "silence"));
    }

    @AfterAll
    static void stop() {
        popline.close();
    }

    @Test
    void rfc2833CapturesShippedWithSippGiveOneDigitEach() throws Exception {
        Sipp.Result sipp = Sipp.scenario("dtmf-pcap.xml").pause(Duration.ofMillis(500))
                .run(popline.sipPort, Duration.ofSeconds(20));
        assertTrue(sipp.ok(), sipp.output());
        assertEquals("1#", Admin.lastCallDigits(popline));
    }

    @Test
    void sippPlayDtmfOnItsOwnPayloadTypeIsHeard() throws Exception {
        Sipp.Result sipp = Sipp.scenario("dtmf-play.xml").key("digits", "123").pause(Duration.ofSeconds(2))
                .run(popline.sipPort, Duration.ofSeconds(20));
        assertTrue(sipp.ok(), sipp.output());
        assertEquals("123", Admin.lastCallDigits(popline));
    }

    @Test
    void sipInfoKeyPressesAreAnswered200AndHeard() throws Exception {
        try (RtpCapture rtp = new RtpCapture()) {
            Sipp.Result sipp = Sipp.scenario("dtmf-info.xml").key("rtpport", Integer.toString(rtp.port()))
                    .pause(Duration.ofMillis(300)).run(popline.sipPort, Duration.ofSeconds(20));
            assertTrue(sipp.ok(), sipp.output());
            assertEquals("5#", Admin.lastCallDigits(popline));
        }
    }

    /** Starts a SIPp call whose media is our capture socket, and waits for the greeting to be heard. */
    private static CompletableFuture<Sipp.Result> callInto(RtpCapture rtp) throws InterruptedException {
        CompletableFuture<Sipp.Result> call = CompletableFuture.supplyAsync(() -> {
            try {
                return Sipp.scenario("call.xml").key("rtpport", Integer.toString(rtp.port())).key("pts", "0 101")
                        .pause(Duration.ofSeconds(4)).run(popline.sipPort, Duration.ofSeconds(20));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (loudFrames(rtp.packets()) < 20 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(loudFrames(rtp.packets()) >= 20, "the greeting is not heard: " + rtp.packets().size() + " packets");
        return call;
    }

    @Test
    void aKeyPressCutsTheGreetingShortWithinAFewFrames() throws Exception {
        try (RtpCapture rtp = new RtpCapture()) {
            CompletableFuture<Sipp.Result> call = callInto(rtp);
            InetSocketAddress poplineRtp = rtp.packets().get(0).source();
            Rfc4733Sender press = new Rfc4733Sender(101, '4', 100);
            RtpPacketizer packetizer = new RtpPacketizer(0xCAFE, 100, 160_000);
            byte[] payload = new byte[4];
            long sentAt = System.nanoTime();
            while (!press.isDone()) {
                boolean marker = press.nextPacket(ByteBuffer.wrap(payload));
                ByteBuffer datagram = ByteBuffer.allocate(16);
                packetizer.writeAt(datagram, 160_000, 101, payload, 0, 4, marker);
                rtp.channel().send(datagram.flip(), poplineRtp);
                Thread.sleep(20);
            }
            // The stream goes on (silence after the greeting), so the 25 frames after the key must come.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (framesSince(rtp, sentAt).size() < 25 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            List<RtpCapture.Packet> after = framesSince(rtp, sentAt);
            assertTrue(after.size() >= 25, "Popline stopped sending after the key press: " + after.size() + " frames");
            int loudAfter = loudFrames(after.subList(0, 25));
            assertTrue(loudAfter <= 3, "greeting still heard for " + loudAfter + " frames after the key press");
            assertTrue(call.get(30, TimeUnit.SECONDS).ok());
            assertEquals("4", Admin.lastCallDigits(popline));
        }
    }

    @Test
    void inbandTonesAreHeardWhenConfigured() throws Exception {
        try (RtpCapture rtp = new RtpCapture()) {
            CompletableFuture<Sipp.Result> call = callInto(rtp);
            InetSocketAddress poplineRtp = rtp.packets().get(0).source();
            RtpPacketizer packetizer = new RtpPacketizer(0xBEEF, 1, 0);
            short[] pcm = new short[160];
            byte[] ulaw = new byte[160];
            for (int frame = 0; frame < 30; frame++) {
                for (int i = 0; i < 160; i++) {
                    double t = (frame * 160 + i) / 8000.0;
                    double tone = frame < 6 ? Math.sin(2 * Math.PI * 941 * t) + Math.sin(2 * Math.PI * 1336 * t) : 0;
                    pcm[i] = (short) (6000 * tone);
                }
                Codec.PCMU.encode(pcm, 0, ulaw, 0, 160);
                ByteBuffer datagram = ByteBuffer.allocate(172);
                packetizer.write(datagram, 0, ulaw, 0, 160, frame == 0);
                packetizer.advance(160);
                rtp.channel().send(datagram.flip(), poplineRtp);
                Thread.sleep(20);
            }
            assertTrue(call.get(30, TimeUnit.SECONDS).ok());
            assertEquals("0", Admin.lastCallDigits(popline));
        }
    }

    private static List<RtpCapture.Packet> framesSince(RtpCapture rtp, long nanos) {
        return rtp.packets().stream().filter(p -> p.arrivalNanos() > nanos && p.payloadType() == 0).toList();
    }

    private static int loudFrames(List<RtpCapture.Packet> packets) {
        int loud = 0;
        short[] pcm = new short[160];
        for (RtpCapture.Packet p : packets) {
            if (p.payloadType() != 0) {
                continue;
            }
            Codec.PCMU.decode(p.payload(), 0, pcm, 0, 160);
            double sum = 0;
            for (short s : pcm) {
                sum += (double) s * s;
            }
            if (Math.sqrt(sum / 160) > 300) {
                loud++;
            }
        }
        return loud;
    }
}
