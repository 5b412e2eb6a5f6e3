package org.popline.media.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReceptionStatisticsTest {

    private static final long FRAME_NANOS = 20_000_000L;
    private static final int FRAME_UNITS = 160;
    private static final long MS = 1_000_000L;

    private final ReceptionStatistics stats = new ReceptionStatistics(0xCAFEBABEL, 8000);

    /** Feeds frame {@code index} of a stream that started at sequence {@code seq0} and timestamp {@code ts0}. */
    private boolean feed(int seq0, long ts0, int index, long offsetNanos) {
        return stats.onPacket(seq0 + index, ts0 + (long) index * FRAME_UNITS, 5_000_000_000L + index * FRAME_NANOS + offsetNanos);
    }

    @Test
    void aNewSourceIsOnProbationForItsFirstPacket() {
        assertFalse(feed(1000, 0, 0, 0));
        assertTrue(feed(1000, 0, 1, 0));
        assertEquals(1, stats.received());
        assertEquals(1, stats.expected());
    }

    @Test
    void anOutOfOrderStartRestartsProbation() {
        assertFalse(stats.onPacket(10, 0, 0));
        assertFalse(stats.onPacket(50, 0, 0));
        assertTrue(stats.onPacket(51, 0, 0));
    }

    @Test
    void constantDelayHasNoJitter() {
        for (int i = 0; i < 100; i++) {
            feed(7, 123_456, i, 3 * MS);
        }
        assertEquals(0.0, stats.jitter(), 1e-9);
        assertEquals(0, stats.nextReportBlock(0).jitter());
    }

    @Test
    void alternatingOneMillisecondOffsetsConvergeOnTwoMilliseconds() {
        for (int i = 0; i < 101; i++) {
            feed(0, 0, i, i % 2 == 0 ? MS : -MS);
        }
        // Every transit difference is 2 ms = 16 units; the first packet counted is index 1,
        // so 99 differences move J toward 16 by 1/16 each: J = 16 (1 - (15/16)^99).
        double expected = 16 * (1 - Math.pow(15.0 / 16, 99));
        assertEquals(expected, stats.jitter(), 1e-9);
        assertEquals(16, stats.nextReportBlock(0).jitter());
    }

    @Test
    void jitterIgnoresTimestampWrapAround() {
        long ts0 = 0xFFFF_FFFFL - 5 * FRAME_UNITS;
        for (int i = 0; i < 20; i++) {
            stats.onPacket(i, (ts0 + (long) i * FRAME_UNITS) & 0xFFFF_FFFFL, i * FRAME_NANOS);
        }
        assertEquals(0.0, stats.jitter(), 1e-9);
    }

    @Test
    void fiveLostOfAHundredIsTwelveIn256AndFiveCumulative() {
        // Sequence 0 is the probation packet; 1..100 are the hundred expected ones.
        for (int i = 0; i <= 100; i++) {
            if (i % 20 != 10) {
                feed(0, 0, i, 0);
            }
        }
        assertEquals(100, stats.expected());
        assertEquals(95, stats.received());
        ReportBlock block = stats.nextReportBlock(0);
        assertEquals(0xCAFEBABEL, block.ssrc());
        assertEquals(5 * 256 / 100, block.fractionLost());
        assertEquals(5, block.cumulativeLost());
        assertEquals(100, block.extendedHighestSequence());
    }

    @Test
    void fractionLostCoversOnlyTheIntervalSinceTheLastReport() {
        for (int i = 0; i <= 100; i++) {
            if (i != 50) {
                feed(0, 0, i, 0);
            }
        }
        stats.nextReportBlock(0);
        for (int i = 101; i <= 200; i++) {
            feed(0, 0, i, 0);
        }
        ReportBlock block = stats.nextReportBlock(0);
        assertEquals(0, block.fractionLost());
        assertEquals(1, block.cumulativeLost());
    }

    @Test
    void sequenceWrapAddsACycle() {
        for (int i = 0; i < 20; i++) {
            feed(65530, 0, i, 0);
        }
        assertEquals(65536 + (65530 + 19 - 65536), stats.extendedHighestSequence());
        assertEquals(0, stats.cumulativeLost());
        assertEquals(19, stats.received());
    }

    @Test
    void aBigJumpIsBelievedOnlyWhenTheNextPacketFollowsIt() {
        for (int i = 0; i < 10; i++) {
            feed(100, 0, i, 0);
        }
        assertFalse(stats.onPacket(40_000, 0, 0));
        assertTrue(stats.onPacket(40_001, 0, 0));
        assertEquals(40_001, stats.extendedHighestSequence());
        assertEquals(1, stats.received());
    }

    @Test
    void aRestartedStreamsNewTimestampBaseIsNotJitter() {
        for (int i = 0; i < 10; i++) {
            feed(100, 0, i, 0);
        }
        for (int i = 10; i < 13; i++) {
            feed(40_000 - 10, 999_999 - 10 * FRAME_UNITS, i, 0);
        }
        assertEquals(0.0, stats.jitter(), 1e-9);
    }

    @Test
    void lateAndDuplicatePacketsCountAsReceived() {
        for (int i = 0; i < 10; i++) {
            feed(0, 0, i, 0);
        }
        feed(0, 0, 5, 0);
        assertEquals(9, stats.expected());
        assertEquals(-1, stats.cumulativeLost());
        assertEquals(0, stats.nextReportBlock(0).fractionLost());
    }

    @Test
    void echoesThePeersLastSenderReportWithTheDelaySince() {
        long ntp = 0x1234_5678_9ABC_DEF0L;
        stats.onSenderReport(ntp, 10_000_000_000L);
        ReportBlock block = stats.nextReportBlock(11_500_000_000L);
        assertEquals(0x5678_9ABCL, block.lastSenderReport());
        assertEquals(98_304, block.delaySinceLastSenderReport());
    }

    @Test
    void withoutASenderReportLsrAndDlsrAreZero() {
        ReportBlock block = stats.nextReportBlock(11_500_000_000L);
        assertEquals(0, block.lastSenderReport());
        assertEquals(0, block.delaySinceLastSenderReport());
    }
}
