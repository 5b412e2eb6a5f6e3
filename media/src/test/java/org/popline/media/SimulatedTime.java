package org.popline.media;

import java.util.ArrayList;
import java.util.List;

/** Parking jumps straight to the deadline, plus a one-off delay to simulate a stall. */
final class SimulatedTime implements MediaClock.TimeSource {

    static final long ORIGIN = 1_000_000_000L;

    long now = ORIGIN;
    long stallAtPark = -1;
    long stallNanos;
    final List<Long> parkedUntil = new ArrayList<>();

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void parkUntil(long deadlineNanos) {
        parkedUntil.add(deadlineNanos);
        now = Math.max(now, deadlineNanos);
        if (parkedUntil.size() == stallAtPark) {
            now += stallNanos;
        }
    }
}
