package org.popline.media.rtcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SenderReportTest {

    @Test
    void writesSenderReportThenCnameWithoutABlock() {
        byte[] bytes = new SenderReport(0x11223344L, "ab")
                .at(0x0102030405060708L, 0xA0B0C0D0L)
                .sent(3, 480)
                .toBytes();
        byte[] expected = {
            (byte) 0x80, (byte) 200, 0, 6,
            0x11, 0x22, 0x33, 0x44,
            1, 2, 3, 4, 5, 6, 7, 8,
            (byte) 0xA0, (byte) 0xB0, (byte) 0xC0, (byte) 0xD0,
            0, 0, 0, 3,
            0, 0, 1, (byte) 0xE0,
            (byte) 0x81, (byte) 202, 0, 3,
            0x11, 0x22, 0x33, 0x44,
            1, 2, 'a', 'b', 0, 0, 0, 0};
        assertArrayEquals(expected, bytes);
    }

    @Test
    void aCnameFillingTheChunkExactlyStillGetsItsEndOctet() {
        // 4 (SSRC) + 2 + 1 + 1 (end) = 8: no padding beyond the one zero octet.
        SenderReport report = new SenderReport(1, "x");
        ByteBuffer out = ByteBuffer.allocate(report.length());
        report.writeTo(out);
        assertEquals(28 + 12, out.position());
        assertEquals(0, out.get(39));
    }

    @Test
    void writesTheReportBlockWithSignedCumulativeLoss() {
        ReportBlock block = new ReportBlock(0xCAFEBABEL, 12, -1, 0x0001_0005L, 16, 0x3456_789AL, 98_304);
        byte[] bytes = new SenderReport(7, "c").at(0, 0).sent(0, 0).reportBlock(block).toBytes();
        assertEquals((byte) 0x81, bytes[0]);
        assertEquals(12, bytes[3]);
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        assertEquals(0xCAFEBABE, buf.getInt(28));
        assertEquals(0x0CFF_FFFF, buf.getInt(32));
        assertEquals(0x0001_0005, buf.getInt(36));
        assertEquals(16, buf.getInt(40));
        assertEquals(0x3456_789A, buf.getInt(44));
        assertEquals(98_304, buf.getInt(48));
        assertEquals(bytes.length, 52 + 12);
    }

    @Test
    void thePeersParserReadsBackWhatWeWrote() {
        ReportBlock block = new ReportBlock(0xCAFEBABEL, 12, 5, 100, 16, 0x3456_789AL, 98_304);
        byte[] bytes = new SenderReport(0x11223344L, "popline@example")
                .at(0x0102030405060708L, 0xA0B0C0D0L).sent(50, 8000).reportBlock(block).toBytes();
        RtcpReport report = new RtcpParser(0xCAFEBABEL).parse(ByteBuffer.wrap(bytes)).orElseThrow();
        assertEquals(0x11223344L, report.senderSsrc());
        assertEquals(new RtcpReport.SenderInfo(0x0102030405060708L, 0xA0B0C0D0L, 50, 8000), report.senderInfo().orElseThrow());
        assertEquals(java.util.List.of(block), report.aboutUs());
        assertEquals("popline@example", report.cname().orElseThrow());
    }

    @Test
    void timestampAtExtrapolatesFromTheLastFrameAndWraps() {
        assertEquals(160 + 40, SenderReport.timestampAt(160, 1_000_000_000L, 1_005_000_000L, 8000));
        assertEquals(39, SenderReport.timestampAt(0xFFFF_FFFFL, 0, 5_000_000L, 8000));
    }

    @Test
    void refusesAnEmptyOrOverlongCname() {
        assertThrows(IllegalArgumentException.class, () -> new SenderReport(1, ""));
        assertThrows(IllegalArgumentException.class, () -> new SenderReport(1, "x".repeat(256)));
    }

    @Test
    void roundTripIsArrivalMinusLsrMinusDlsr() {
        // We sent an SR at NTP second 100.0; the peer held it 1.5 s; its RR came back at 100 + 1.75 s.
        long sentNtp = 100L << 32;
        long arrivalNtp = (101L << 32) | 0xC000_0000L;
        ReportBlock block = new ReportBlock(1, 0, 0, 0, 0, NtpTime.middle32(sentNtp), 98_304);
        assertEquals(Duration.ofMillis(250), block.roundTrip(arrivalNtp).orElseThrow());
        assertTrue(new ReportBlock(1, 0, 0, 0, 0, 0, 0).roundTrip(arrivalNtp).isEmpty());
    }
}
