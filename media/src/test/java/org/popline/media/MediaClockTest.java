package org.popline.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the clock loop on simulated time, so lateness can be tested without timing. */
class MediaClockTest {

    /** Parking jumps straight to the deadline, plus a one-off delay to simulate a stall. */
    private static final class SimulatedTime implements MediaClock.TimeSource {
        long now = 1_000_000_000L;
        long stallAtTick = -1;
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
            if (parkedUntil.size() == stallAtTick) {
                now += stallNanos;
            }
        }
    }

    private static List<Integer> run(SimulatedTime time, int ticks) {
        MediaClock clock = new MediaClock(time);
        List<Integer> skips = new ArrayList<>();
        clock.add((scratch, skipped) -> {
            skips.add(skipped);
            if (skips.size() == ticks) {
                clock.stop();
            }
        });
        clock.run();
        return skips;
    }

    @Test
    void wakesOnAbsoluteDeadlinesEvenWhenAWakeUpIsLate() {
        SimulatedTime time = new SimulatedTime();
        time.stallAtTick = 2;
        time.stallNanos = 7_000_000L;
        run(time, 5);
        long origin = 1_000_000_000L;
        for (int i = 0; i < 5; i++) {
            assertEquals(origin + (i + 1) * MediaClock.PERIOD_NANOS, time.parkedUntil.get(i));
        }
    }

    @Test
    void catchesUpBrieflyLateTicksWithoutSkipping() {
        SimulatedTime time = new SimulatedTime();
        time.stallAtTick = 3;
        time.stallNanos = MediaClock.MAX_CATCH_UP_TICKS * MediaClock.PERIOD_NANOS;
        assertEquals(List.of(0, 0, 0, 0, 0, 0, 0, 0), run(time, 8));
    }

    @Test
    void skipsAheadAfterALongStallAndCountsTheSkippedTicks() {
        SimulatedTime time = new SimulatedTime();
        time.stallAtTick = 3;
        time.stallNanos = 10 * MediaClock.PERIOD_NANOS + 5_000_000L;
        MediaClock clock = new MediaClock(time);
        List<Integer> skips = new ArrayList<>();
        clock.add((scratch, skipped) -> {
            skips.add(skipped);
            if (skips.size() == 6) {
                clock.stop();
            }
        });
        clock.run();
        assertEquals(List.of(0, 0, 10, 0, 0, 0), skips);
        assertEquals(10, clock.lateTicks());
        long origin = 1_000_000_000L;
        assertEquals(origin + 14 * MediaClock.PERIOD_NANOS, time.parkedUntil.get(3));
    }

    @Test
    void oneFailingListenerDoesNotStopTheOthers() {
        SimulatedTime time = new SimulatedTime();
        MediaClock clock = new MediaClock(time);
        List<Integer> calls = new ArrayList<>();
        clock.add((scratch, skipped) -> {
            throw new IllegalStateException("broken session");
        });
        clock.add((scratch, skipped) -> {
            calls.add(skipped);
            if (calls.size() == 3) {
                clock.stop();
            }
        });
        clock.run();
        assertEquals(3, calls.size());
    }
}
