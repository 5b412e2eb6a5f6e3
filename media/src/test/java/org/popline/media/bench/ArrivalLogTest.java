package org.popline.media.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The benchmark's arithmetic on made-up arrival times. */
class ArrivalLogTest {

    private static final long MS = 1_000_000L;

    @Test
    void aSteadyStreamDeviatesNowhereAndIsNeverLate() {
        ArrivalLog log = new ArrivalLog(100);
        for (int i = 0; i < 50; i++) {
            log.record(7 * MS + i * 20 * MS, 65530 + i, -800 + i * 160);
        }
        Histogram deviations = new Histogram();
        log.addDeviations(deviations);
        assertEquals(49, deviations.count());
        assertEquals(0, deviations.maxMicros());
        assertEquals(0, log.lateFrames());
        assertEquals(0, log.lost());
    }

    @Test
    void oneDelayedPacketShowsAsTwoDeviationsAndOneLateFrame() {
        ArrivalLog log = new ArrivalLog(100);
        for (int i = 0; i < 10; i++) {
            log.record(i * 20 * MS + (i == 5 ? 12 * MS : 0), i, i * 160);
        }
        Histogram deviations = new Histogram();
        log.addDeviations(deviations);
        assertEquals(12_000, deviations.maxMicros());
        assertEquals(1, log.lateFrames());
        assertEquals(12 * MS, log.maxLatenessNanos());
    }

    @Test
    void aSkippedTickIsNeitherDeviationNorLossButAMissingSequenceIsLoss() {
        ArrivalLog log = new ArrivalLog(100);
        log.record(0, 1, 0);
        log.record(60 * MS, 2, 3 * 160);
        log.record(100 * MS, 4, 5 * 160);
        Histogram deviations = new Histogram();
        log.addDeviations(deviations);
        assertEquals(0, deviations.maxMicros());
        assertEquals(1, log.lost());
    }

    @Test
    void percentilesRoundUpToTheBucketEdge() {
        Histogram histogram = new Histogram();
        for (int micros = 1; micros <= 1000; micros++) {
            histogram.add(micros);
        }
        assertEquals(510, histogram.percentileMicros(0.50));
        assertEquals(1000, histogram.percentileMicros(0.99));
        assertEquals(1000, histogram.maxMicros());
    }
}
