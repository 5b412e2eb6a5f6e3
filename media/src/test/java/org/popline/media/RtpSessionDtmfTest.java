package org.popline.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.popline.media.codec.Codec;
import org.popline.media.dtmf.DtmfDigit;
import org.popline.media.dtmf.Rfc4733Receiver;
import org.popline.media.dtmf.Rfc4733Sender;
import org.popline.media.rtp.RtpPacket;
import org.popline.media.rtp.RtpPacketizer;

/** Key presses in and out of a real session over loopback UDP. */
class RtpSessionDtmfTest {
    private MediaEngine engine;
    private RtpTestPeer peer;

    @BeforeEach
    void setUp() throws IOException {
        engine = new MediaEngine(RtpTestPeer.LOOPBACK, 46200, 46299);
        peer = new RtpTestPeer();
    }

    @AfterEach
    void tearDown() throws IOException {
        engine.close();
        peer.close();
    }

    /** The datagrams of one press, as a peer's RFC 4733 sender would put them on the wire. */
    private static List<byte[]> press(char digit, int payloadType, int sequence, long timestamp) {
        Rfc4733Sender sender = new Rfc4733Sender(payloadType, digit, 100);
        RtpPacketizer packetizer = new RtpPacketizer(0x4242, sequence, timestamp);
        List<byte[]> out = new ArrayList<>();
        byte[] payload = new byte[4];
        while (!sender.isDone()) {
            ByteBuffer p = ByteBuffer.wrap(payload);
            boolean marker = sender.nextPacket(p);
            ByteBuffer datagram = ByteBuffer.allocate(16);
            packetizer.writeAt(datagram, timestamp, payloadType, payload, 0, 4, marker);
            out.add(datagram.array());
        }
        return out;
    }

    @Test
    void eventsOfTheNegotiatedPayloadTypeBecomeOneDigitEach() throws Exception {
        RtpSession session = engine.openSession("dtmf-in");
        session.start(peer.address(), Codec.PCMU, 101);
        List<DtmfDigit> digits = new CopyOnWriteArrayList<>();
        session.listenForDigits(false, digits::add);
        for (byte[] d : press('5', 101, 10, 8000)) {
            peer.send(d, session.localPort());
        }
        for (byte[] d : press('5', 96, 20, 16000)) {
            peer.send(d, session.localPort());
        }
        for (byte[] d : press('#', 101, 30, 24000)) {
            peer.send(d, session.localPort());
        }
        // Digits are reported on the receive thread in arrival order: once the '#' sent last is in, so is anything before it.
        Await.until("the # sent last", () -> digits.stream().anyMatch(d -> d.digit() == '#'));
        assertEquals(List.of('5', '#'), digits.stream().map(DtmfDigit::digit).toList(), "PT 96 is not negotiated");
        assertTrue(digits.stream().allMatch(d -> d.source() == DtmfDigit.Source.RFC4733));
    }

    @Test
    void inbandTonesAreHeardWhenAskedFor() throws Exception {
        RtpSession session = engine.openSession("dtmf-inband");
        session.start(peer.address(), Codec.PCMA);
        List<DtmfDigit> digits = new CopyOnWriteArrayList<>();
        session.listenForDigits(true, digits::add);
        RtpPacketizer packetizer = new RtpPacketizer(0x77, 1, 0);
        short[] pcm = new short[160];
        byte[] alaw = new byte[160];
        for (int frame = 0; frame < 10; frame++) {
            for (int i = 0; i < 160; i++) {
                double t = (frame * 160 + i) / 8000.0;
                pcm[i] = (short) (6000 * (Math.sin(2 * Math.PI * 852 * t) + Math.sin(2 * Math.PI * 1477 * t)));
            }
            Codec.PCMA.encode(pcm, 0, alaw, 0, 160);
            ByteBuffer datagram = ByteBuffer.allocate(172);
            packetizer.write(datagram, 8, alaw, 0, 160, frame == 0);
            packetizer.advance(160);
            peer.send(datagram.array(), session.localPort());
        }
        Await.until("an in-band digit", () -> !digits.isEmpty());
        assertEquals('9', digits.get(0).digit());
        assertEquals(DtmfDigit.Source.INBAND, digits.get(0).source());
    }

    @Test
    void sentDigitsGoOutAsRfc4733EventsInPlaceOfAudio() throws Exception {
        RtpSession session = engine.openSession("dtmf-out");
        session.start(peer.address(), Codec.PCMU, 101);
        session.sendDigit('7', 100);
        session.sendDigit('7', 100);
        List<DtmfDigit> decoded = new ArrayList<>();
        Rfc4733Receiver receiver = new Rfc4733Receiver(101, decoded::add);
        List<Long> eventTimestamps = new ArrayList<>();
        boolean audioAfter = false;
        int previousSequence = -1;
        for (RtpTestPeer.Received r : peer.receive(40)) {
            RtpPacket p = r.packet();
            if (previousSequence >= 0) {
                assertEquals((previousSequence + 1) & 0xFFFF, p.sequence(), "one stream, no gaps");
            }
            previousSequence = p.sequence();
            if (p.payloadType() == 101) {
                assertFalse(audioAfter, "events come before the audio resumes");
                receiver.onPacket(p);
                if (!eventTimestamps.contains(p.timestamp())) {
                    eventTimestamps.add(p.timestamp());
                }
            } else if (!decoded.isEmpty()) {
                audioAfter = decoded.size() == 2;
            }
        }
        assertEquals(List.of('7', '7'), decoded.stream().map(DtmfDigit::digit).toList());
        assertEquals(2, eventTimestamps.size(), "each press keeps its start timestamp on all its packets");
        assertTrue(audioAfter, "audio resumes after the presses");
    }
}
