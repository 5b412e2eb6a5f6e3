package org.popline.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.popline.media.MediaClock.PERIOD_NANOS;
import static org.popline.media.SimulatedTime.ORIGIN;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs a clock thread's loop on simulated time, so lateness can be tested without timing. */
class ClockShardTest {

    private static final long SLOT_NANOS = PERIOD_NANOS / 4;

    /** A new object each time: a non-capturing lambda would be one shared instance. */
    private static MediaClock.Listener idle() {
        return new MediaClock.Listener() {
            @Override
            public void onTick(ByteBuffer scratch, int skippedFrames) {
            }
        };
    }

    private static List<Integer> run(SimulatedTime time, int ticks) {
        ClockShard shard = new ClockShard("test", 1, 0, time);
        StopAfter listener = new StopAfter(ticks, time, l -> shard);
        shard.add(listener);
        shard.run();
        return listener.skips;
    }

    @Test
    void wakesOnAbsoluteDeadlinesEvenWhenAWakeUpIsLate() {
        SimulatedTime time = new SimulatedTime();
        time.stallAtPark = 2;
        time.stallNanos = 7_000_000L;
        run(time, 5);
        for (int i = 0; i < 5; i++) {
            assertEquals(ORIGIN + (i + 1) * PERIOD_NANOS, time.parkedUntil.get(i));
        }
    }

    @Test
    void catchesUpBrieflyLateTicksWithoutSkipping() {
        SimulatedTime time = new SimulatedTime();
        time.stallAtPark = 3;
        time.stallNanos = MediaClock.MAX_CATCH_UP_TICKS * PERIOD_NANOS;
        assertEquals(List.of(0, 0, 0, 0, 0, 0, 0, 0), run(time, 8));
    }

    @Test
    void skipsAheadAfterALongStallAndCountsTheSkippedTicks() {
        SimulatedTime time = new SimulatedTime();
        time.stallAtPark = 3;
        time.stallNanos = 10 * PERIOD_NANOS + 5_000_000L;
        ClockShard shard = new ClockShard("test", 1, 0, time);
        StopAfter listener = new StopAfter(6, time, l -> shard);
        shard.add(listener);
        shard.run();
        assertEquals(List.of(0, 0, 10, 0, 0, 0), listener.skips);
        assertEquals(10, shard.lateTicks());
        assertEquals(ORIGIN + 14 * PERIOD_NANOS, time.parkedUntil.get(3));
    }

    @Test
    void oneFailingListenerDoesNotStopTheOthers() {
        SimulatedTime time = new SimulatedTime();
        ClockShard shard = new ClockShard("test", 1, 0, time);
        shard.add((scratch, skipped) -> {
            throw new IllegalStateException("broken session");
        });
        StopAfter listener = new StopAfter(3, time, l -> shard);
        shard.add(listener);
        shard.run();
        assertEquals(3, listener.skips.size());
    }

    @Test
    void pinsListenersToTheEmptiestSlotInTurn() {
        ClockShard shard = new ClockShard("test", 4, 0, new SimulatedTime());
        List<MediaClock.Listener> listeners = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            MediaClock.Listener listener = idle();
            listeners.add(listener);
            shard.add(listener);
        }
        for (int i = 0; i < 8; i++) {
            assertEquals(i % 4, shard.slotOf(listeners.get(i)));
        }
        shard.remove(listeners.get(2));
        MediaClock.Listener late = idle();
        shard.add(late);
        assertEquals(2, shard.slotOf(late));
        shard.add(listeners.get(5));
        assertEquals(1, shard.slotOf(listeners.get(5)));
        assertEquals(8, shard.size());
    }

    @Test
    void everySlotFiresOnItsOwnOffsetWithAnExactPeriod() {
        SimulatedTime time = new SimulatedTime();
        ClockShard shard = new ClockShard("test", 4, 0, time);
        List<StopAfter> listeners = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            StopAfter listener = new StopAfter(i == 0 ? 5 : Integer.MAX_VALUE, time, l -> shard);
            listeners.add(listener);
            shard.add(listener);
        }
        shard.run();
        for (int slot = 0; slot < 4; slot++) {
            List<Long> fired = listeners.get(slot).firedAt;
            long first = ORIGIN + (slot == 0 ? 4 : slot) * SLOT_NANOS;
            assertEquals(5, fired.size(), "slot " + slot);
            for (int k = 0; k < fired.size(); k++) {
                assertEquals(first + k * PERIOD_NANOS, fired.get(k), "slot " + slot + " frame " + k);
            }
        }
    }

    @Test
    void skipsWholePeriodsSoEverySlotStaysInPhaseAndLearnsOfTheSkipOnce() {
        SimulatedTime time = new SimulatedTime();
        time.stallAtPark = 6;
        time.stallNanos = 7 * PERIOD_NANOS + 2_000_000L;
        ClockShard shard = new ClockShard("test", 4, 0, time);
        List<StopAfter> listeners = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            StopAfter listener = new StopAfter(i == 0 ? 6 : Integer.MAX_VALUE, time, l -> shard);
            listeners.add(listener);
            shard.add(listener);
        }
        shard.run();
        assertEquals(7, shard.lateTicks());
        for (int i = 0; i < 4; i++) {
            int slot = i;
            StopAfter listener = listeners.get(slot);
            assertEquals(7, listener.skips.stream().mapToInt(Integer::intValue).sum(), "slot " + slot);
            assertEquals(1, listener.skips.stream().filter(s -> s > 0).count(), "slot " + slot);
            // Only the tick that woke from the stall is late (by its 2 ms beyond whole periods).
            List<Long> offPhase = listener.firedAt.stream()
                    .map(at -> Math.floorMod(at - ORIGIN - slot * SLOT_NANOS, PERIOD_NANOS))
                    .filter(offset -> offset != 0)
                    .toList();
            assertEquals(slot == 2 ? List.of(2_000_000L) : List.of(), offPhase, "slot " + slot);
        }
    }

    @Test
    void aPhaseShiftsEveryDeadlineOfTheThread() {
        SimulatedTime time = new SimulatedTime();
        long phase = SLOT_NANOS / 2;
        ClockShard shard = new ClockShard("test", 4, phase, time);
        StopAfter listener = new StopAfter(3, time, l -> shard);
        shard.add(listener);
        shard.run();
        for (int i = 0; i < time.parkedUntil.size(); i++) {
            assertEquals(ORIGIN + phase + (i + 1) * SLOT_NANOS, time.parkedUntil.get(i));
        }
        assertEquals(List.of(ORIGIN + phase + PERIOD_NANOS, ORIGIN + phase + 2 * PERIOD_NANOS,
                ORIGIN + phase + 3 * PERIOD_NANOS), listener.firedAt);
    }

    @Test
    void rejectsAPhaseBeyondOneSlot() {
        assertThrows(IllegalArgumentException.class, () -> new ClockShard("test", 4, SLOT_NANOS, new SimulatedTime()));
    }

    @Test
    void rejectsSlotCountsThatDoNotDivideThePeriod() {
        assertThrows(IllegalArgumentException.class, () -> new ClockShard("test", 3, 0, new SimulatedTime()));
        assertThrows(IllegalArgumentException.class, () -> new ClockShard("test", 0, 0, new SimulatedTime()));
    }
}
