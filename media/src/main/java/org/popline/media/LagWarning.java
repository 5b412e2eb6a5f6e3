package org.popline.media;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns that a clock thread skipped frames, at most once per interval with a summary of what
 * came between: an overloaded clock skips several times a second, and logging every skip
 * would cost the very thread that is behind. Used by one clock thread only.
 */
final class LagWarning {

    static final long INTERVAL_NANOS = 10_000_000_000L;

    private static final Logger log = LoggerFactory.getLogger(LagWarning.class);

    private final String clockName;
    private boolean warnedBefore;
    private long lastWarnedNanos;
    private long skipsSince;
    private long framesSince;

    LagWarning(String clockName) {
        this.clockName = clockName;
    }

    /**
     * Records a skip of {@code frames} frames at {@code nowNanos}.
     *
     * @return whether this skip was logged; the ones in between are summed into the next warning
     */
    boolean skipped(long nowNanos, long frames) {
        skipsSince++;
        framesSince += frames;
        if (warnedBefore && nowNanos - lastWarnedNanos < INTERVAL_NANOS) {
            return false;
        }
        if (skipsSince == 1) {
            log.warn("Media clock {} fell {} ms behind; skipped {} frames",
                    clockName, frames * MediaClock.PERIOD_NANOS / 1_000_000, frames);
        } else {
            log.warn("Media clock {} fell behind {} times in {} s, skipping {} frames in all (last: {})",
                    clockName, skipsSince, (nowNanos - lastWarnedNanos) / 1_000_000_000L, framesSince, frames);
        }
        warnedBefore = true;
        lastWarnedNanos = nowNanos;
        skipsSince = 0;
        framesSince = 0;
        return true;
    }
}
