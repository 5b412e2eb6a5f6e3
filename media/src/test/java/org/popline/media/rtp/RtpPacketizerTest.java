package org.popline.media.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RtpPacketizerTest {

    @Test
    void writesExactHeaderBytes() {
        RtpPacketizer packetizer = new RtpPacketizer(0x11223344L, 0x0102, 0xA0B0C0D0L);
        ByteBuffer out = ByteBuffer.allocate(64);
        int written = packetizer.write(out, 8, new byte[] {9, 8, 7, 6}, 1, 2, true);
        assertEquals(14, written);
        assertEquals(14, out.position());
        byte[] expected = {(byte) 0x80, (byte) 0x88, 0x01, 0x02,
            (byte) 0xA0, (byte) 0xB0, (byte) 0xC0, (byte) 0xD0,
            0x11, 0x22, 0x33, 0x44, 8, 7};
        assertArrayEquals(expected, Arrays.copyOf(out.array(), 14));
    }

    @Test
    void markerBitOnlyWhenAsked() {
        RtpPacketizer packetizer = new RtpPacketizer(1, 0, 0);
        ByteBuffer out = ByteBuffer.allocate(64);
        packetizer.write(out, 0, new byte[0], 0, 0, false);
        assertEquals(0x00, out.get(1));
    }

    @Test
    void sequenceAndTimestampWrapAround() {
        RtpPacketizer packetizer = new RtpPacketizer(1, 65535, 0xFFFFFF00L);
        ByteBuffer out = ByteBuffer.allocate(64);
        packetizer.write(out, 0, new byte[0], 0, 0, false);
        assertEquals(0, packetizer.nextSequence());
        packetizer.advance(0x100 + 160);
        assertEquals(160, packetizer.timestamp());
        out.clear();
        packetizer.write(out, 0, new byte[0], 0, 0, false);
        out.flip();
        RtpPacket packet = RtpPacket.parse(out).orElseThrow();
        assertEquals(0, packet.sequence());
        assertEquals(160, packet.timestamp());
        assertEquals(1, packetizer.nextSequence());
    }

    @Test
    void writeAtStampsThePacketButLeavesTheStreamTimestamp() {
        RtpPacketizer packetizer = new RtpPacketizer(7, 10, 1000);
        ByteBuffer out = ByteBuffer.allocate(64);
        packetizer.writeAt(out, 0x1_0000_0005L, 101, new byte[] {1, 2, 3, 4}, 0, 4, true);
        out.flip();
        RtpPacket packet = RtpPacket.parse(out).orElseThrow();
        assertEquals(5, packet.timestamp());
        assertEquals(10, packet.sequence());
        assertEquals(101, packet.payloadType());
        assertTrue(packet.marker());
        assertEquals(1000, packetizer.timestamp());
        assertEquals(11, packetizer.nextSequence());
    }

    @Test
    void negativeAdvanceStillCountsModulo2To32() {
        RtpPacketizer packetizer = new RtpPacketizer(1, 0, 100);
        packetizer.advance((int) (30_000_000L * 160));
        assertEquals((100 + 30_000_000L * 160) & 0xFFFFFFFFL, packetizer.timestamp());
    }

    @Test
    void roundTripsThroughParse() {
        RtpPacketizer packetizer = new RtpPacketizer(0xFEDCBA98L, 500, 4_000_000_000L);
        ByteBuffer out = ByteBuffer.allocate(256);
        byte[] payload = new byte[160];
        Arrays.fill(payload, (byte) 0x55);
        packetizer.write(out, 0, payload, 0, payload.length, true);
        out.flip();
        RtpPacket packet = RtpPacket.parse(out).orElseThrow();
        assertTrue(packet.marker());
        assertFalse(packet.padding());
        assertEquals(0, packet.payloadType());
        assertEquals(500, packet.sequence());
        assertEquals(4_000_000_000L, packet.timestamp());
        assertEquals(0xFEDCBA98L, packet.ssrc());
        assertEquals(160, packet.payloadLength());
        assertEquals(0x55, packet.payload().get(159));
    }

    @Test
    void randomStreamsStartAtRandomValuesInRange() {
        SplittableRandom random = new SplittableRandom(42);
        RtpPacketizer a = RtpPacketizer.random(random);
        RtpPacketizer b = RtpPacketizer.random(random);
        assertNotEquals(a.ssrc(), b.ssrc());
        for (RtpPacketizer p : new RtpPacketizer[] {a, b}) {
            assertTrue(p.ssrc() >= 0 && p.ssrc() <= 0xFFFFFFFFL);
            assertTrue(p.nextSequence() >= 0 && p.nextSequence() <= 0xFFFF);
            assertTrue(p.timestamp() >= 0 && p.timestamp() <= 0xFFFFFFFFL);
        }
        assertTrue(a.nextSequence() != b.nextSequence() || a.timestamp() != b.timestamp());
    }
}
