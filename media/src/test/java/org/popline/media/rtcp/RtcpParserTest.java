package org.popline.media.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RtcpParserTest {

    private static final long US = 0xCAFEBABEL;
    private static final long PEER = 0x0BADF00DL;

    private final RtcpParser parser = new RtcpParser(US);

    /** An RR from the peer with two blocks: one about another source, one about us. */
    private static void receiverReport(ByteBuffer out) {
        out.put((byte) 0x82).put((byte) 201).putShort((short) 13);
        out.putInt((int) PEER);
        out.putInt(0x01020304).putInt(0).putInt(0).putInt(0).putInt(0).putInt(0);
        out.putInt((int) US);
        out.putInt(0x19FF_FFFE);
        out.putInt(0x0002_0010);
        out.putInt(40);
        out.putInt(0x3456_789A);
        out.putInt(98_304);
    }

    private static void sdes(ByteBuffer out, long ssrc, String cname) {
        int chunk = (4 + 2 + cname.length() + 1 + 3) & ~3;
        out.put((byte) 0x81).put((byte) 202).putShort((short) (chunk / 4));
        int start = out.position();
        out.putInt((int) ssrc).put((byte) 1).put((byte) cname.length()).put(cname.getBytes());
        while (out.position() < start + chunk) {
            out.put((byte) 0);
        }
    }

    private Optional<RtcpReport> parse(ByteBuffer out) {
        out.flip();
        return parser.parse(out);
    }

    @Test
    void keepsOnlyTheBlockAboutUs() {
        ByteBuffer out = ByteBuffer.allocate(256);
        receiverReport(out);
        sdes(out, PEER, "phone@lan");
        RtcpReport report = parse(out).orElseThrow();
        assertEquals(PEER, report.senderSsrc());
        assertTrue(report.senderInfo().isEmpty());
        assertEquals(1, report.aboutUs().size());
        ReportBlock block = report.aboutUs().get(0);
        assertEquals(0x19, block.fractionLost());
        assertEquals(-2, block.cumulativeLost());
        assertEquals(0x0002_0010L, block.extendedHighestSequence());
        assertEquals(40, block.jitter());
        assertEquals(0x3456_789AL, block.lastSenderReport());
        assertEquals(98_304, block.delaySinceLastSenderReport());
        assertEquals("phone@lan", report.cname().orElseThrow());
        assertFalse(report.bye());
    }

    @Test
    void leavesThePositionAndLimitAlone() {
        ByteBuffer out = ByteBuffer.allocate(256);
        receiverReport(out);
        out.flip();
        int limit = out.limit();
        parser.parse(out);
        assertEquals(0, out.position());
        assertEquals(limit, out.limit());
    }

    @Test
    void readsByeAndSkipsUnknownTypes() {
        ByteBuffer out = ByteBuffer.allocate(256);
        receiverReport(out);
        out.put((byte) 0x80).put((byte) 204).putShort((short) 2).putInt((int) PEER).put("abcd".getBytes());
        out.put((byte) 0x81).put((byte) 203).putShort((short) 1).putInt((int) PEER);
        RtcpReport report = parse(out).orElseThrow();
        assertTrue(report.bye());
        assertEquals(1, report.aboutUs().size());
    }

    @Test
    void acceptsPaddingOnTheLastPacket() {
        ByteBuffer out = ByteBuffer.allocate(256);
        receiverReport(out);
        out.put((byte) 0xA1).put((byte) 203).putShort((short) 2).putInt((int) PEER).putInt(4);
        assertTrue(parse(out).orElseThrow().bye());
    }

    @Test
    void refusesPaddingBeforeTheLastPacket() {
        ByteBuffer out = ByteBuffer.allocate(256);
        receiverReport(out);
        out.put(0, (byte) 0xA2);
        sdes(out, PEER, "x");
        assertTrue(parse(out).isEmpty());
    }

    @Test
    void refusesAFirstPacketOtherThanSrOrRr() {
        ByteBuffer out = ByteBuffer.allocate(256);
        sdes(out, PEER, "x");
        receiverReport(out);
        assertTrue(parse(out).isEmpty());
    }

    @Test
    void refusesVersionOtherThanTwo() {
        ByteBuffer out = ByteBuffer.allocate(256);
        receiverReport(out);
        out.put(0, (byte) 0x42);
        assertTrue(parse(out).isEmpty());
    }

    @Test
    void refusesLengthsThatDoNotAddUp() {
        ByteBuffer longer = ByteBuffer.allocate(256);
        receiverReport(longer);
        longer.putShort(2, (short) 14);
        assertTrue(parse(longer).isEmpty());

        ByteBuffer trailing = ByteBuffer.allocate(256);
        receiverReport(trailing);
        trailing.put((byte) 0x80).put((byte) 203);
        assertTrue(parse(trailing).isEmpty());
    }

    @Test
    void refusesMoreBlocksThanThePacketHolds() {
        ByteBuffer out = ByteBuffer.allocate(256);
        receiverReport(out);
        out.put(0, (byte) 0x83);
        assertTrue(parse(out).isEmpty());
    }

    @Test
    void refusesAnSdesItemRunningPastItsPacket() {
        ByteBuffer out = ByteBuffer.allocate(256);
        receiverReport(out);
        out.put((byte) 0x81).put((byte) 202).putShort((short) 2).putInt((int) PEER).put((byte) 1).put((byte) 20).putShort((short) 0);
        assertTrue(parse(out).isEmpty());
    }

    @Test
    void refusesEmptyAndTinyDatagrams() {
        assertTrue(parser.parse(ByteBuffer.allocate(0)).isEmpty());
        assertTrue(parser.parse(ByteBuffer.wrap(new byte[] {(byte) 0x80, (byte) 201, 0})).isEmpty());
    }
}
