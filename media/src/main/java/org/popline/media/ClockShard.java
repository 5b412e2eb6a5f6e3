package org.popline.media;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One clock thread and the streams it paces. The 20 ms period is cut into equal slots and
 * each stream is pinned to one of them, so a tick's sends are spread over the period rather
 * than queued behind each other, and a stall delays only the slots it overlaps. Every slot
 * fires on absolute deadlines (t0 + slot offset + n * 20 ms), so each stream keeps an exact
 * 20 ms period and the error of one wake-up never adds up over a call.
 *
 * <p>A slot's listeners are an array, replaced whole when a stream joins or leaves (a few hundred
 * times a second at most) and read without a lock on every tick (fifty times a second per stream), so
 * the clock thread walks one array instead of a hash set's nodes.
 */
final class ClockShard implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClockShard.class);
    private static final int MAX_PACKET = 1500;
    private static final MediaClock.Listener[] NONE = {};

    private final MediaClock.TimeSource time;
    private final long slotNanos;
    private final long phaseNanos;
    private final AtomicReferenceArray<MediaClock.Listener[]> slots;
    private final long[] pendingSkips;
    private final Set<MediaClock.Listener> failing = ConcurrentHashMap.newKeySet();
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(MAX_PACKET);
    private final LagWarning lagWarning;
    private final Thread thread;
    private final int realtimePriority;
    private volatile boolean running = true;
    private volatile long lateTicks;
    // Guarded by this: streams join and leave on callers' threads; the clock thread only reads the slots.
    private final Map<MediaClock.Listener, Integer> slotOfListener = new IdentityHashMap<>();

    /**
     * @param phaseNanos delay of this thread's deadlines, so that several threads take turns
     *                   instead of all sending at once (which would also starve the receive thread)
     */
    ClockShard(String name, int slotCount, long phaseNanos, MediaClock.TimeSource time) {
        this(name, slotCount, phaseNanos, time, MediaClock.NORMAL_PRIORITY);
    }

    /**
     * @param realtimePriority the SCHED_RR priority the thread asks for when it starts, or
     *                         {@link MediaClock#NORMAL_PRIORITY}
     */
    ClockShard(String name, int slotCount, long phaseNanos, MediaClock.TimeSource time, int realtimePriority) {
        if (slotCount < 1 || MediaClock.PERIOD_NANOS % slotCount != 0) {
            throw new IllegalArgumentException("slot count " + slotCount + " does not divide the 20 ms period");
        }
        if (phaseNanos < 0 || phaseNanos >= MediaClock.PERIOD_NANOS / slotCount) {
            throw new IllegalArgumentException("phase " + phaseNanos + " ns is not within one slot");
        }
        this.time = time;
        this.slotNanos = MediaClock.PERIOD_NANOS / slotCount;
        this.phaseNanos = phaseNanos;
        this.slots = new AtomicReferenceArray<>(slotCount);
        for (int i = 0; i < slotCount; i++) {
            slots.set(i, NONE);
        }
        this.pendingSkips = new long[slotCount];
        this.lagWarning = new LagWarning(name);
        this.realtimePriority = realtimePriority;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Pins the listener to the slot with the fewest listeners; a listener already here stays put. */
    synchronized void add(MediaClock.Listener listener) {
        if (slotOfListener.containsKey(listener)) {
            return;
        }
        int emptiest = 0;
        for (int i = 1; i < slots.length(); i++) {
            if (slots.get(i).length < slots.get(emptiest).length) {
                emptiest = i;
            }
        }
        MediaClock.Listener[] before = slots.get(emptiest);
        MediaClock.Listener[] after = Arrays.copyOf(before, before.length + 1);
        after[before.length] = listener;
        slots.set(emptiest, after);
        slotOfListener.put(listener, emptiest);
    }

    synchronized boolean remove(MediaClock.Listener listener) {
        failing.remove(listener);
        Integer slot = slotOfListener.remove(listener);
        if (slot == null) {
            return false;
        }
        MediaClock.Listener[] before = slots.get(slot);
        MediaClock.Listener[] after = new MediaClock.Listener[before.length - 1];
        int kept = 0;
        for (MediaClock.Listener other : before) {
            if (other != listener) {
                after[kept++] = other;
            }
        }
        slots.set(slot, after);
        return true;
    }

    synchronized int size() {
        return slotOfListener.size();
    }

    /** The slot the listener fires in, or -1 if it is not on this shard. */
    synchronized int slotOf(MediaClock.Listener listener) {
        return slotOfListener.getOrDefault(listener, -1);
    }

    /** Frames skipped because this thread fell more than a few frames behind; each one missing from all its streams. */
    long lateTicks() {
        return lateTicks;
    }

    void run() {
        if (realtimePriority != MediaClock.NORMAL_PRIORITY) {
            String name = thread.getName();
            RealtimeScheduling.raiseCurrentThread(realtimePriority).ifPresentOrElse(
                    why -> log.warn("{} keeps normal priority, so RTP pacing may jitter when the CPU is busy: {}"
                            + " (grant CAP_SYS_NICE, or set rtp.realtime-priority: 0 to stop trying)", name, why),
                    () -> log.info("{} runs at real-time priority {} (SCHED_RR)", name, realtimePriority));
        }
        long origin = time.nanoTime() + phaseNanos;
        long step = 0;
        while (running) {
            step++;
            long deadline = origin + step * slotNanos;
            time.parkUntil(deadline);
            if (!running) {
                return;
            }
            long now = time.nanoTime();
            long behind = (now - deadline) / MediaClock.PERIOD_NANOS;
            if (behind > MediaClock.MAX_CATCH_UP_TICKS) {
                // Whole periods only, so every stream stays in its slot and misses the same frames.
                step += behind * slots.length();
                lateTicks += behind;
                for (int i = 0; i < pendingSkips.length; i++) {
                    pendingSkips[i] += behind;
                }
                lagWarning.skipped(now, behind);
            }
            int slot = (int) (step % slots.length());
            int skipped = (int) Math.min(pendingSkips[slot], Integer.MAX_VALUE);
            pendingSkips[slot] = 0;
            fire(slots.get(slot), skipped);
        }
    }

    private void fire(MediaClock.Listener[] listeners, int skipped) {
        for (MediaClock.Listener listener : listeners) {
            try {
                listener.onTick(scratch, skipped);
            } catch (RuntimeException e) {
                // Logged once per listener: a broken stream would otherwise log 50 times a second.
                if (failing.add(listener)) {
                    log.error("Media clock listener failed; continuing with the others", e);
                }
            }
        }
    }

    void stop() {
        running = false;
    }

    @Override
    public void close() {
        stop();
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
