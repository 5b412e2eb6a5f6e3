package org.popline.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class RtpPacketTest {

    private static byte[] header(int b0, int b1) {
        return new byte[] {(byte) b0, (byte) b1, (byte) 0xAB, (byte) 0xCD,
            (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE,
            (byte) 0x80, 0x00, 0x00, 0x01};
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer buf = ByteBuffer.allocate(java.util.Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] part : parts) {
            buf.put(part);
        }
        return buf.array();
    }

    @Test
    void parsesFixedHeaderWithUnsignedFields() {
        byte[] data = concat(header(0x80, 0x80 | 8), new byte[] {1, 2, 3});
        RtpPacket packet = RtpPacket.parse(data, data.length).orElseThrow();
        assertEquals(2, packet.version());
        assertTrue(packet.marker());
        assertFalse(packet.padding());
        assertEquals(8, packet.payloadType());
        assertEquals(0xABCD, packet.sequence());
        assertEquals(0xFFFFFFFEL, packet.timestamp());
        assertEquals(0x80000001L, packet.ssrc());
        assertEquals(12, packet.payloadOffset());
        assertEquals(3, packet.payloadLength());
        assertEquals(3, packet.payload().get(2));
    }

    @Test
    void skipsCsrcsAndExtension() {
        byte[] csrcs = new byte[8];
        byte[] extension = {(byte) 0xBE, (byte) 0xDE, 0, 1, 9, 9, 9, 9};
        byte[] data = concat(header(0x90 | 2, 0), csrcs, extension, new byte[] {42});
        RtpPacket packet = RtpPacket.parse(data, data.length).orElseThrow();
        assertEquals(12 + 8 + 8, packet.payloadOffset());
        assertEquals(1, packet.payloadLength());
        assertEquals(42, packet.payload().get(0));
    }

    @Test
    void removesPadding() {
        byte[] data = concat(header(0xA0, 0), new byte[] {7, 7, 0, 0, 3});
        RtpPacket packet = RtpPacket.parse(data, data.length).orElseThrow();
        assertTrue(packet.padding());
        assertEquals(2, packet.payloadLength());
    }

    @Test
    void respectsLengthAndBufferPosition() {
        byte[] data = concat(new byte[] {99, 99}, header(0x80, 0), new byte[] {5, 6, 7, 8});
        ByteBuffer buf = ByteBuffer.wrap(data);
        buf.position(2).limit(data.length - 2);
        RtpPacket packet = RtpPacket.parse(buf).orElseThrow();
        assertEquals(2, buf.position());
        assertEquals(14, packet.payloadOffset());
        assertEquals(2, packet.payloadLength());
        assertEquals(6, packet.payload().get(1));
    }

    @Test
    void arrayLengthLimitsThePacket() {
        byte[] data = concat(header(0x80, 0), new byte[] {5, 6, 7, 8});
        assertEquals(1, RtpPacket.parse(data, 13).orElseThrow().payloadLength());
    }

    @Test
    void rejectsWhatIsNotRtp() {
        byte[] stunBindingRequest = {0x00, 0x01, 0x00, 0x00, 0x21, 0x12, (byte) 0xA4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        assertTrue(RtpPacket.parse(stunBindingRequest, stunBindingRequest.length).isEmpty());
        for (int rtcpType = 200; rtcpType <= 204; rtcpType++) {
            byte[] rtcp = concat(header(0x81, rtcpType), new byte[16]);
            assertTrue(RtpPacket.parse(rtcp, rtcp.length).isEmpty(), "RTCP type " + rtcpType);
        }
        byte[] shortPacket = header(0x80, 0);
        assertTrue(RtpPacket.parse(shortPacket, 11).isEmpty());
        byte[] version1 = header(0x40, 0);
        assertTrue(RtpPacket.parse(version1, version1.length).isEmpty());
        byte[] missingCsrcs = header(0x83, 0);
        assertTrue(RtpPacket.parse(missingCsrcs, missingCsrcs.length).isEmpty());
        byte[] truncatedExtension = concat(header(0x90, 0), new byte[] {0, 0, 0, 5});
        assertTrue(RtpPacket.parse(truncatedExtension, truncatedExtension.length).isEmpty());
        byte[] zeroPadding = concat(header(0xA0, 0), new byte[] {1, 0});
        assertTrue(RtpPacket.parse(zeroPadding, zeroPadding.length).isEmpty());
        byte[] excessPadding = concat(header(0xA0, 0), new byte[] {1, 9});
        assertTrue(RtpPacket.parse(excessPadding, excessPadding.length).isEmpty());
    }
}
