package org.popline.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.popline.media.MediaClock.PERIOD_NANOS;
import static org.popline.media.SimulatedTime.ORIGIN;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the clock spreads streams over its threads; each thread's loop runs on simulated time. */
class MediaClockTest {

    /** A new object each time: a non-capturing lambda would be one shared instance. */
    private static MediaClock.Listener idle() {
        return new MediaClock.Listener() {
            @Override
            public void onTick(ByteBuffer scratch, int skippedFrames) {
            }
        };
    }

    @Test
    void spreadsListenersEvenlyOverTheThreads() {
        ClockShard a = new ClockShard("a", MediaClock.SLOTS, 0, new SimulatedTime());
        ClockShard b = new ClockShard("b", MediaClock.SLOTS, 0, new SimulatedTime());
        MediaClock clock = new MediaClock(List.of(a, b));
        List<MediaClock.Listener> listeners = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            MediaClock.Listener listener = idle();
            listeners.add(listener);
            clock.add(listener);
        }
        assertEquals(3, a.size());
        assertEquals(3, b.size());
        assertNotSame(clock.shardOf(listeners.get(0)), clock.shardOf(listeners.get(1)));
    }

    @Test
    void aListenerAddedAgainStaysOnItsThread() {
        ClockShard a = new ClockShard("a", MediaClock.SLOTS, 0, new SimulatedTime());
        ClockShard b = new ClockShard("b", MediaClock.SLOTS, 0, new SimulatedTime());
        MediaClock clock = new MediaClock(List.of(a, b));
        MediaClock.Listener listener = idle();
        clock.add(listener);
        clock.add(idle());
        clock.add(listener);
        assertSame(a, clock.shardOf(listener));
        assertEquals(1, a.size());
        assertEquals(1, b.size());
    }

    @Test
    void newListenersGoToTheThreadThatLostSome() {
        ClockShard a = new ClockShard("a", MediaClock.SLOTS, 0, new SimulatedTime());
        ClockShard b = new ClockShard("b", MediaClock.SLOTS, 0, new SimulatedTime());
        MediaClock clock = new MediaClock(List.of(a, b));
        List<MediaClock.Listener> onA = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            MediaClock.Listener listener = idle();
            clock.add(listener);
            if (clock.shardOf(listener) == a) {
                onA.add(listener);
            }
        }
        onA.forEach(clock::remove);
        assertNull(clock.shardOf(onA.get(0)));
        assertEquals(0, a.size());
        MediaClock.Listener next = idle();
        clock.add(next);
        assertSame(a, clock.shardOf(next));
    }

    @Test
    void eachThreadKeepsItsOwnDeadlinesAndLateTicksAddUp() {
        SimulatedTime stalling = new SimulatedTime();
        stalling.stallAtPark = 3;
        stalling.stallNanos = 6 * PERIOD_NANOS;
        SimulatedTime steady = new SimulatedTime();
        ClockShard a = new ClockShard("a", 1, 0, stalling);
        ClockShard b = new ClockShard("b", 1, 0, steady);
        MediaClock clock = new MediaClock(List.of(a, b));
        StopAfter onA = new StopAfter(5, stalling, clock::shardOf);
        StopAfter onB = new StopAfter(5, steady, clock::shardOf);
        clock.add(onA);
        clock.add(onB);
        a.run();
        b.run();
        assertEquals(6, clock.lateTicks());
        assertEquals(List.of(0, 0, 6, 0, 0), onA.skips);
        for (int i = 0; i < 5; i++) {
            assertEquals(ORIGIN + (i + 1) * PERIOD_NANOS, steady.parkedUntil.get(i));
        }
    }

    @Test
    void refusesARealtimePriorityLinuxDoesNotHave() {
        assertThrows(IllegalArgumentException.class, () -> new MediaClock(1, -1));
        assertThrows(IllegalArgumentException.class, () -> new MediaClock(1, 100));
    }

    @Test
    void needsAtLeastOneThread() {
        assertThrows(IllegalArgumentException.class, () -> new MediaClock(0, MediaClock.NORMAL_PRIORITY));
        assertThrows(IllegalArgumentException.class, () -> new MediaClock(List.of()));
    }
}
