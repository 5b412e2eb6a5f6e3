package org.popline.media.dtmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.popline.media.rtp.RtpPacket;
import org.popline.media.rtp.RtpPacketizer;

class Rfc4733SenderTest {

    private static final long SSRC = 0x1234;

    private final Recorder recorder = new Recorder();
    private final Rfc4733Receiver receiver = new Rfc4733Receiver(101, recorder);
    private int sequence = 65_530;
    private long timestamp = 0xFFFF_FE00L;

    /** Puts the sender's payloads on the wire as RTP, one per tick, all under the first tick's timestamp. */
    private void send(Rfc4733Sender sender) {
        RtpPacketizer event = new RtpPacketizer(SSRC, sequence, timestamp);
        ByteBuffer payload = ByteBuffer.allocate(Rfc4733Sender.PAYLOAD_LENGTH);
        ByteBuffer wire = ByteBuffer.allocate(64);
        while (!sender.isDone()) {
            payload.clear();
            boolean marker = sender.nextPacket(payload);
            wire.clear();
            event.write(wire, sender.payloadType(), payload.array(), 0, payload.position(), marker);
            receiver.onPacket(RtpPacket.parse(wire.flip()).orElseThrow());
            timestamp += Rfc4733Sender.SAMPLES_PER_PACKET;
        }
        sequence = event.nextSequence();
    }

    private record Payload(boolean marker, int event, boolean end, int volume, int duration) {
    }

    private static List<Payload> payloads(Rfc4733Sender sender) {
        ByteBuffer buf = ByteBuffer.allocate(4 * sender.packetCount());
        List<Boolean> markers = new ArrayList<>();
        while (!sender.isDone()) {
            markers.add(sender.nextPacket(buf));
        }
        buf.flip();
        List<Payload> out = new ArrayList<>();
        for (boolean marker : markers) {
            int event = buf.get() & 0xFF;
            int flags = buf.get() & 0xFF;
            out.add(new Payload(marker, event, (flags & 0x80) != 0, flags & 0x3F, buf.getShort() & 0xFFFF));
        }
        return out;
    }

    @Test
    void oneHundredMillisecondsIsFourUpdatesAndThreeEnds() {
        assertEquals(List.of(
                new Payload(true, 5, false, 10, 160),
                new Payload(false, 5, false, 10, 320),
                new Payload(false, 5, false, 10, 480),
                new Payload(false, 5, false, 10, 640),
                new Payload(false, 5, true, 10, 800),
                new Payload(false, 5, true, 10, 800),
                new Payload(false, 5, true, 10, 800)),
                payloads(new Rfc4733Sender(101, '5', 100)));
    }

    @Test
    void durationIsRoundedUpToWholePacketsAndVolumeIsKept() {
        List<Payload> packets = payloads(new Rfc4733Sender(96, '#', 150, 20));
        assertEquals(8 - 1 + 3, packets.size());
        assertEquals(List.of(1280, 1280, 1280), packets.subList(7, 10).stream().map(Payload::duration).toList());
        assertTrue(packets.stream().allMatch(p -> p.event() == 11 && p.volume() == 20));
        assertEquals(3, packets.stream().filter(Payload::end).count());
        assertEquals(1, packets.stream().filter(Payload::marker).count());
    }

    @Test
    void theReceiverDecodesExactlyTheDigitSent() {
        for (char digit : "0123456789*#ABCD".toCharArray()) {
            send(new Rfc4733Sender(101, digit, 120));
            timestamp += 800;
        }
        send(new Rfc4733Sender(101, '5', 160));
        send(new Rfc4733Sender(101, '5', 160));
        assertEquals("0123456789*#ABCD55", recorder.digitString());
        assertEquals("0123456789*#ABCD55", recorder.endString());
        assertTrue(recorder.ends.subList(0, 16).stream().allMatch(d -> d.durationMillis() == 120));
        assertEquals(160, recorder.ends.get(17).durationMillis());
    }

    @Test
    void lowerCaseLettersAreTheirCapitals() {
        Rfc4733Sender sender = new Rfc4733Sender(101, 'c', 40);
        assertEquals('C', sender.digit());
        assertEquals(14, payloads(sender).get(0).event());
    }

    @Test
    void nothingIsWrittenOnceDone() {
        Rfc4733Sender sender = new Rfc4733Sender(101, '1', 40);
        ByteBuffer buf = ByteBuffer.allocate(64);
        for (int i = 0; i < 4; i++) {
            assertFalse(sender.isDone());
            sender.nextPacket(buf);
        }
        assertTrue(sender.isDone());
        assertThrows(IllegalStateException.class, () -> sender.nextPacket(buf));
        assertEquals(16, buf.position());
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new Rfc4733Sender(101, 'X', 100));
        assertThrows(IllegalArgumentException.class, () -> new Rfc4733Sender(101, '1', 20));
        assertThrows(IllegalArgumentException.class, () -> new Rfc4733Sender(101, '1', 8020));
        assertThrows(IllegalArgumentException.class, () -> new Rfc4733Sender(101, '1', 100, 64));
        assertThrows(IllegalArgumentException.class, () -> new Rfc4733Sender(128, '1', 100));
    }
}
