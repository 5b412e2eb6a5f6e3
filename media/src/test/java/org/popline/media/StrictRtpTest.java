package org.popline.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.popline.media.codec.Codec;
import org.popline.media.dtmf.DtmfDigit;
import org.popline.media.dtmf.Rfc4733Sender;
import org.popline.media.rtp.RtpPacketizer;

/** Strict RTP with raw sockets: whose RTP, key presses and RTCP a session takes, and whose it drops. */
class StrictRtpTest {
    private static final int PROBATION = 3;

    private MediaEngine engine;
    private RtpTestPeer caller;
    private RtpTestPeer attacker;
    private final List<DtmfDigit> digits = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        engine = new MediaEngine(RtpTestPeer.LOOPBACK, 46700, 46799, 1, MediaEngine.NORMAL_PRIORITY, PROBATION);
        caller = new RtpTestPeer();
        attacker = new RtpTestPeer();
    }

    @AfterEach
    void tearDown() throws IOException {
        engine.close();
        caller.close();
        attacker.close();
    }

    private RtpSession call(String id) throws IOException {
        RtpSession session = engine.openSession(id);
        session.start(caller.address(), Codec.PCMU, 101);
        session.listenForDigits(false, digits::add);
        return session;
    }

    /** Audio packets of one stream, in sequence from {@code firstSequence}. */
    private static List<byte[]> audio(long ssrc, int firstSequence, int count) {
        RtpPacketizer stream = new RtpPacketizer(ssrc, firstSequence, 0);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ByteBuffer p = ByteBuffer.allocate(172);
            stream.write(p, 0, new byte[160], 0, 160, i == 0);
            stream.advance(160);
            out.add(p.array());
        }
        return out;
    }

    private static List<byte[]> press(char digit, long ssrc, int sequence, long timestamp) {
        Rfc4733Sender sender = new Rfc4733Sender(101, digit, 100);
        RtpPacketizer stream = new RtpPacketizer(ssrc, sequence, timestamp);
        List<byte[]> out = new ArrayList<>();
        byte[] payload = new byte[4];
        while (!sender.isDone()) {
            boolean marker = sender.nextPacket(ByteBuffer.wrap(payload));
            ByteBuffer datagram = ByteBuffer.allocate(16);
            stream.writeAt(datagram, timestamp, 101, payload, 0, 4, marker);
            out.add(datagram.array());
        }
        return out;
    }

    private static void send(RtpTestPeer from, List<byte[]> packets, RtpSession to) throws IOException {
        for (byte[] p : packets) {
            from.send(p, to.localPort());
        }
    }

    @Test
    void theSdpSourceIsTakenAtOnceAndASprayerIsDroppedAndCounted() throws Exception {
        RtpSession session = call("spray");
        send(caller, audio(0xCA11, 1, 1), session);
        Await.until("the caller's first packet", () -> session.packetsReceived() == 1);
        assertEquals(caller.address(), session.remote());

        // In sequence and plenty: exactly what would pass probation if no source were taken yet.
        send(attacker, audio(0xBAD, 500, 200), session);
        send(caller, audio(0xCA11, 2, 5), session);
        Await.until("the caller's packets", () -> session.packetsReceived() == 6);
        Await.until("the sprayer's packets dropped", () -> session.foreignPackets() == 200);
        assertEquals(caller.address(), session.remote(), "media still goes to the caller");
        assertEquals(200, engine.foreignPackets());
        caller.drainQueued();
        assertTrue(caller.receiveWithin(2_000) != null, "the caller still hears its stream");
        assertEquals(null, attacker.receiveWithin(200), "the sprayer hears nothing");
    }

    @Test
    void keyPressesAreTakenFromTheCallersSourceOnly() throws Exception {
        RtpSession session = call("keys");
        send(caller, audio(0xCA11, 1, 3), session);
        Await.until("the caller is taken", () -> session.packetsReceived() == 3);

        send(attacker, press('9', 0xBAD, 700, 80_000), session);
        send(attacker, press('0', 0xBAD, 720, 96_000), session);
        send(caller, press('5', 0xCA11, 4, 8_000), session);
        Await.until("the caller's key", () -> !digits.isEmpty());
        Await.until("every attacker packet dropped", () -> session.foreignPackets() == 2L * press('9', 1, 1, 1).size());
        assertEquals(List.of('5'), digits.stream().map(DtmfDigit::digit).toList());
    }

    @Test
    void aNatSourceIsLearntAfterProbationWhenTheSdpSourceIsSilent() throws Exception {
        RtpSession session = engine.openSession("nat");
        InetSocketAddress silent = new InetSocketAddress(RtpTestPeer.LOOPBACK, 9);
        session.start(silent, Codec.PCMU, 101);
        session.listenForDigits(false, digits::add);

        // Out of sequence never qualifies: each gap starts probation again.
        List<byte[]> jumbled = audio(0x7A7, 1, 2 * PROBATION);
        for (int i = 0; i < jumbled.size(); i += 2) {
            attacker.send(jumbled.get(i), session.localPort());
        }
        Await.until("gapped packets dropped", () -> session.foreignPackets() == PROBATION);
        assertEquals(0, session.packetsReceived());

        send(caller, audio(0xCA11, 100, PROBATION - 1), session);
        Await.until("probation packets dropped", () -> session.foreignPackets() == 2L * PROBATION - 1);
        assertEquals(0, session.packetsReceived());
        assertEquals(silent, session.remote());

        send(caller, audio(0xCA11, 100 + PROBATION - 1, 1), session);
        Await.until("learnt on the last probation packet", () -> session.packetsReceived() == 1);
        assertEquals(caller.address(), session.remote(), "symmetric RTP: media goes back to the learnt source");
        assertTrue(caller.receiveWithin(2_000) != null);

        send(attacker, audio(0x7A7, 50, 20), session);
        send(caller, press('7', 0xCA11, 200, 16_000), session);
        Await.until("the caller's key", () -> !digits.isEmpty());
        Await.until("the other source dropped", () -> session.foreignPackets() == 2L * PROBATION - 1 + 20);
        assertEquals(List.of('7'), digits.stream().map(DtmfDigit::digit).toList());
    }

    @Test
    void aNewSdpAddressResetsWhatIsExpectedAndTheSameOneKeepsTheLearntSource() throws Exception {
        RtpSession session = engine.openSession("reinvite");
        InetSocketAddress privateAddress = new InetSocketAddress(RtpTestPeer.LOOPBACK, 9);
        session.start(privateAddress, Codec.PCMU);
        send(caller, audio(0xCA11, 1, PROBATION), session);
        Await.until("NAT source learnt", () -> session.packetsReceived() == 1);

        session.start(privateAddress, Codec.PCMU); // a re-INVITE for hold, say: same SDP address
        assertEquals(caller.address(), session.remote(), "the learnt source is kept");

        session.start(attacker.address(), Codec.PCMU); // the peer moved: its new SDP names the second socket
        assertEquals(attacker.address(), session.remote());
        long dropped = session.foreignPackets();
        send(caller, audio(0xCA11, PROBATION + 1, 1), session);
        Await.until("the old source dropped", () -> session.foreignPackets() == dropped + 1);
        send(attacker, audio(0x2222, 9, 1), session);
        Await.until("the new SDP address taken at once", () -> session.packetsReceived() == 2);
    }

    @Test
    void rtcpIsTakenFromThePeersHostOnly() throws Exception {
        RtpSession session = call("rtcp");
        send(caller, audio(0xCA11, 1, 1), session);
        Await.until("the caller is taken", () -> session.packetsReceived() == 1);
        InetSocketAddress sessionRtcp = new InetSocketAddress(RtpTestPeer.LOOPBACK, session.localPort() + 1);

        try (DatagramChannel elsewhere = DatagramChannel.open()
                .bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
             DatagramChannel callersRtcp = DatagramChannel.open().bind(new InetSocketAddress(RtpTestPeer.LOOPBACK, 0))) {
            long ourSsrc = ssrcOfStreamToCaller();
            elsewhere.send(receiverReport(ourSsrc), sessionRtcp);
            Await.until("RTCP from another host dropped", () -> session.foreignPackets() == 1);
            assertEquals(0, session.quality().peerReports());

            // Same host, another port: NAT gives RTCP a port of its own.
            callersRtcp.send(receiverReport(ourSsrc), sessionRtcp);
            Await.until("the caller's RTCP read", () -> session.quality().peerReports() == 1);
            assertEquals(1, session.foreignPackets());
        }
    }

    private long ssrcOfStreamToCaller() throws IOException {
        return caller.receive(1).get(0).packet().ssrc();
    }

    private static ByteBuffer receiverReport(long aboutSsrc) {
        ByteBuffer rr = ByteBuffer.allocate(32);
        rr.put((byte) 0x81).put((byte) 201).putShort((short) 7).putInt(0xCA11);
        rr.putInt((int) aboutSsrc).putInt(0).putInt(1).putInt(0).putInt(0).putInt(0);
        return rr.flip();
    }
}
