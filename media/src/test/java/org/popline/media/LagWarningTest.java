package org.popline.media;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LagWarningTest {

    @Test
    void warnsAtOnceThenAtMostOncePerInterval() {
        LagWarning warning = new LagWarning("test");
        long t = 5_000_000_000L;
        assertTrue(warning.skipped(t, 4));
        assertFalse(warning.skipped(t + 100_000_000L, 5));
        assertFalse(warning.skipped(t + LagWarning.INTERVAL_NANOS - 1, 4));
        assertTrue(warning.skipped(t + LagWarning.INTERVAL_NANOS, 6));
        assertFalse(warning.skipped(t + LagWarning.INTERVAL_NANOS + 1, 4));
    }

    @Test
    void warnsAgainAfterAQuietInterval() {
        LagWarning warning = new LagWarning("test");
        assertTrue(warning.skipped(0, 4));
        assertTrue(warning.skipped(3 * LagWarning.INTERVAL_NANOS, 4));
    }
}
