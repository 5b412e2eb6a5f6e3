package org.popline.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.popline.media.audio.AudioClip;
import org.popline.media.audio.GrowingClip;
import org.popline.media.codec.Codec;
import org.popline.media.rtp.RtpPacketizer;
import org.popline.media.source.ClipSource;
import org.popline.media.source.StreamingClipSource;

class RtpSessionTest {

    private MediaEngine engine;
    private RtpTestPeer peer;

    @BeforeEach
    void setUp() throws IOException {
        engine = new MediaEngine(RtpTestPeer.LOOPBACK, 46000, 46199);
        peer = new RtpTestPeer();
    }

    @AfterEach
    void tearDown() throws IOException {
        engine.close();
        peer.close();
    }

    private static byte[] rtp(int sequence) {
        ByteBuffer buf = ByteBuffer.allocate(12 + 160);
        new RtpPacketizer(0x1234, sequence, 0).write(buf, 0, new byte[160], 0, 160, false);
        return buf.array();
    }

    @Test
    void streamFollowsRfc3550() throws IOException {
        RtpSession session = engine.openSession("call-1");
        session.start(peer.address(), Codec.PCMA);
        List<RtpTestPeer.Received> packets = peer.receive(100);

        RtpTestPeer.Received first = packets.get(0);
        assertTrue(first.packet().marker(), "marker on the first packet");
        long skippedFrames = 0;
        for (int i = 1; i < packets.size(); i++) {
            RtpTestPeer.Received previous = packets.get(i - 1);
            RtpTestPeer.Received current = packets.get(i);
            assertFalse(current.packet().marker(), "no marker on packet " + i);
            assertEquals((previous.packet().sequence() + 1) & 0xFFFF, current.packet().sequence());
            long step = (current.packet().timestamp() - previous.packet().timestamp()) & 0xFFFFFFFFL;
            assertTrue(step >= 160 && step % 160 == 0, "timestamp step " + step);
            skippedFrames += step / 160 - 1;
            assertEquals(first.packet().ssrc(), current.packet().ssrc());
        }
        // A loaded machine may stall the clock; then, and only then, timestamps jump ahead.
        assertTrue(skippedFrames <= engine.lateTicks(), skippedFrames + " frames skipped, clock reports " + engine.lateTicks());
        for (RtpTestPeer.Received packet : packets) {
            assertEquals(8, packet.packet().payloadType());
            assertEquals(160, packet.payload().length);
            for (byte b : packet.payload()) {
                assertEquals(Codec.PCMA.silence(), b);
            }
        }
        // Paced, not burst: 100 frames of 20 ms cannot arrive in much less than 2 s.
        double seconds = (packets.get(99).arrivalNanos() - first.arrivalNanos()) / 1e9;
        assertTrue(seconds > 1.0 && seconds < 10, "100 packets took " + seconds + " s");
        assertTrue(session.packetsSent() >= 100);
    }

    @Test
    void playingAPromptSendsItsBytesInOrderAndCompletes() throws Exception {
        short[] pcm = new short[400];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (1000 + 40 * i);
        }
        AudioClip prompt = new AudioClip(pcm);
        byte[] expected = prompt.encoded(Codec.PCMU);

        RtpSession session = engine.openSession("call-2");
        session.start(peer.address(), Codec.PCMU);
        CompletableFuture<Void> done = session.play(new ClipSource(prompt));
        done.get(5, TimeUnit.SECONDS);

        byte[] firstFrame = Arrays.copyOf(expected, 160);
        RtpTestPeer.Received packet;
        do {
            packet = peer.receiveWithin(5_000);
        } while (packet != null && !Arrays.equals(firstFrame, packet.payload()));
        assertTrue(packet != null, "prompt never arrived");
        assertArrayEquals(Arrays.copyOfRange(expected, 160, 320), peer.receiveWithin(5_000).payload());
        byte[] last = peer.receiveWithin(5_000).payload();
        assertArrayEquals(Arrays.copyOfRange(expected, 320, 400), Arrays.copyOf(last, 80));
        for (int i = 80; i < 160; i++) {
            assertEquals(Codec.PCMU.silence(), last[i]);
        }
        byte[] after = peer.receiveWithin(5_000).payload();
        for (byte b : after) {
            assertEquals(Codec.PCMU.silence(), b);
        }
    }

    @Test
    void theFirstFrameHookRunsOnceTheFirstAudibleFrameIsSentNotOnAWaitsSilence() throws Exception {
        RtpSession session = engine.openSession("call-first-frame");
        session.start(peer.address(), Codec.PCMU);
        GrowingClip clip = new GrowingClip();
        AtomicInteger hooks = new AtomicInteger();
        CompletableFuture<Void> play = session.play(new StreamingClipSource(clip, 320, new LongAdder()),
                hooks::incrementAndGet);
        long waiting = session.packetsSent();
        Await.until("frames of a wait's silence are sent", () -> session.packetsSent() >= waiting + 3);
        assertEquals(0, hooks.get(), "no audio has been sent yet");

        short[] tone = new short[480];
        Arrays.fill(tone, (short) 8000);
        peer.drainQueued();
        clip.append(tone, 0, tone.length);
        clip.finish();
        play.get(10, TimeUnit.SECONDS);
        assertEquals(1, hooks.get(), "once, for the first audible frame only");
        RtpTestPeer.Received packet;
        do {
            packet = peer.receiveWithin(5_000);
        } while (packet != null && packet.payload()[0] == Codec.PCMU.silence());
        assertTrue(packet != null, "the audio arrived");
    }

    @Test
    void playReplacesThePreviousPlayAndStopCompletesIt() throws Exception {
        RtpSession session = engine.openSession("call-3");
        AudioClip longPrompt = new AudioClip(new short[8000 * 60]);
        CompletableFuture<Void> first = session.play(new ClipSource(longPrompt));
        CompletableFuture<Void> second = session.play(new ClipSource(longPrompt));
        assertTrue(first.isDone());
        assertFalse(second.isDone());
        session.stopPlayback();
        assertTrue(second.isDone());
    }

    @Test
    void aFailingSourceFailsItsPlayButTheStreamGoesOn() throws Exception {
        RtpSession session = engine.openSession("call-7");
        session.start(peer.address(), Codec.PCMU);
        CompletableFuture<Void> play = session.play((codec, frame) -> {
            throw new IllegalStateException("corrupt file");
        });
        ExecutionException e = assertThrows(
                ExecutionException.class, () -> play.get(5, TimeUnit.SECONDS));
        assertEquals("corrupt file", e.getCause().getMessage());
        peer.drainQueued();
        for (RtpTestPeer.Received packet : peer.receive(3)) {
            assertEquals(Codec.PCMU.silence(), packet.payload()[0]);
        }
    }

    @Test
    void nothingIsSentBeforeStartButInboundIsCounted() throws IOException {
        RtpSession session = engine.openSession("call-4");
        // No SDP yet, so the source has to pass probation: 3 packets dropped, the 4th taken.
        for (int sequence = 1; sequence <= MediaEngine.DEFAULT_STRICT_RTP_PROBATION; sequence++) {
            peer.send(rtp(sequence), session.localPort());
        }
        Await.until("inbound RTP counted", () -> session.packetsReceived() == 1);
        assertEquals(MediaEngine.DEFAULT_STRICT_RTP_PROBATION - 1, session.foreignPackets());
        assertTrue(session.lastReceivedNanos() != 0);
        assertNull(peer.receiveWithin(300));
        assertEquals(0, session.packetsSent());
    }

    @Test
    void symmetricRtpSendsToWhereALearntNatSourceSendsFrom() throws IOException {
        try (RtpTestPeer natted = new RtpTestPeer()) {
            RtpSession session = engine.openSession("call-5");
            session.start(peer.address(), Codec.PCMU);
            peer.receive(3);

            byte[] stun = {0x00, 0x01, 0x00, 0x00, 0x21, 0x12, (byte) 0xA4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
            byte[] rtcpReceiverReport = {(byte) 0x81, (byte) 201, 0, 7, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0};
            natted.send(stun, session.localPort());
            natted.send(rtcpReceiverReport, session.localPort());
            natted.send(new byte[] {1, 2, 3}, session.localPort());
            Await.until("non-RTP ignored", () -> session.ignoredDatagrams() == 3);
            assertEquals(0, session.packetsReceived());
            assertEquals(peer.address(), session.remote());

            for (int sequence = 7; sequence < 7 + MediaEngine.DEFAULT_STRICT_RTP_PROBATION; sequence++) {
                natted.send(rtp(sequence), session.localPort());
            }
            natted.receive(1);
            assertEquals(natted.address(), session.remote());
            assertEquals(1, session.packetsReceived());
            peer.drainQueued();
            natted.receive(5);
            assertNull(peer.receiveWithin(100), "old address still gets RTP");

            try (RtpTestPeer other = new RtpTestPeer()) {
                long dropped = session.foreignPackets();
                for (int sequence = 20; sequence < 30; sequence++) {
                    other.send(rtp(sequence), session.localPort());
                }
                Await.until("second peer dropped", () -> session.foreignPackets() == dropped + 10);
                assertEquals(1, session.packetsReceived());
                assertEquals(natted.address(), session.remote(), "the learnt source only");
            }
        }
    }

    @Test
    void holdPausesSendingAndResumingStartsANewTalkspurt() throws Exception {
        RtpSession session = engine.openSession("call-hold");
        session.start(peer.address(), Codec.PCMU);
        RtpTestPeer.Received last = peer.receive(5).get(4);
        session.sending(false);
        for (RtpTestPeer.Received inFlight; (inFlight = peer.receiveWithin(200)) != null; ) {
            last = inFlight;
        }
        assertFalse(session.isSending());
        assertNull(peer.receiveWithin(300), "nothing is sent on hold");
        session.sending(true);
        RtpTestPeer.Received resumed = peer.receiveWithin(2_000);
        assertTrue(resumed != null && resumed.packet().marker(), "the first packet after hold carries the marker");
        assertEquals((last.packet().sequence() + 1) & 0xFFFF, resumed.packet().sequence(), "no sequence gap");
        long advanced = (resumed.packet().timestamp() - last.packet().timestamp()) & 0xFFFFFFFFL;
        assertTrue(advanced >= 8 * 500, "the timestamp follows wall time through the hold: " + advanced);
        assertFalse(peer.receiveWithin(2_000).packet().marker());
    }

    @Test
    void closeStopsSendingAndFreesThePort() throws IOException {
        RtpSession session = engine.openSession("call-6");
        int port = session.localPort();
        CompletableFuture<Void> playing = session.play(new ClipSource(new AudioClip(new short[8000 * 60])));
        session.start(peer.address(), Codec.PCMU);
        peer.receive(3);

        session.close();
        session.close();
        assertTrue(playing.isDone());
        assertTrue(session.isClosed());
        assertFalse(engine.openPorts().contains(port));
        assertEquals(0, engine.openSessionCount());
        peer.drainQueued();
        assertNull(peer.receiveWithin(200), "packet after close");
        try (DatagramChannel rtp = DatagramChannel.open().bind(new InetSocketAddress(RtpTestPeer.LOOPBACK, port));
             DatagramChannel rtcp = DatagramChannel.open().bind(new InetSocketAddress(RtpTestPeer.LOOPBACK, port + 1))) {
            assertTrue(rtp.isOpen() && rtcp.isOpen());
        }
        assertTrue(session.play(new ClipSource(new AudioClip(new short[160]))).isDone());
    }

    @Test
    void unreachablePeerDoesNotDisturbOtherSessions() throws IOException {
        int deadPort;
        try (DatagramChannel probe = DatagramChannel.open().bind(new InetSocketAddress(RtpTestPeer.LOOPBACK, 0))) {
            deadPort = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
        RtpSession dead = engine.openSession("call-dead");
        dead.start(new InetSocketAddress(RtpTestPeer.LOOPBACK, deadPort), Codec.PCMU);
        RtpSession alive = engine.openSession("call-alive");
        alive.start(peer.address(), Codec.PCMU);

        List<RtpTestPeer.Received> packets = peer.receive(25);
        for (int i = 1; i < packets.size(); i++) {
            assertEquals((packets.get(i - 1).packet().sequence() + 1) & 0xFFFF, packets.get(i).packet().sequence());
        }
        Await.until("dead session keeps its beat", () -> dead.packetsSent() + dead.sendFailures() >= 25);
    }
}
