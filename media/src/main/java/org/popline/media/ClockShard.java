package org.popline.media;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One clock thread and the streams it paces. The 20 ms period is cut into equal slots and
 * each stream is pinned to one of them, so a tick's sends are spread over the period rather
 * than queued behind each other, and a stall delays only the slots it overlaps. Every slot
 * fires on absolute deadlines (t0 + slot offset + n * 20 ms), so each stream keeps an exact
 * 20 ms period and the error of one wake-up never adds up over a call.
 */
final class ClockShard implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClockShard.class);
    private static final int MAX_PACKET = 1500;

    private final MediaClock.TimeSource time;
    private final long slotNanos;
    private final long phaseNanos;
    private final Set<MediaClock.Listener>[] slots;
    private final long[] pendingSkips;
    private final Set<MediaClock.Listener> failing = ConcurrentHashMap.newKeySet();
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(MAX_PACKET);
    private final LagWarning lagWarning;
    private final Thread thread;
    private final int realtimePriority;
    private volatile boolean running = true;
    private volatile long lateTicks;
    // Guarded by this: streams join and leave on callers' threads; the clock thread only iterates.
    private int size;

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
    @SuppressWarnings("unchecked")
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
        this.slots = new Set[slotCount];
        for (int i = 0; i < slotCount; i++) {
            slots[i] = ConcurrentHashMap.newKeySet();
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
        if (slotOf(listener) >= 0) {
            return;
        }
        int emptiest = 0;
        for (int i = 1; i < slots.length; i++) {
            if (slots[i].size() < slots[emptiest].size()) {
                emptiest = i;
            }
        }
        slots[emptiest].add(listener);
        size++;
    }

    synchronized boolean remove(MediaClock.Listener listener) {
        failing.remove(listener);
        int slot = slotOf(listener);
        if (slot < 0) {
            return false;
        }
        slots[slot].remove(listener);
        size--;
        return true;
    }

    synchronized int size() {
        return size;
    }

    /** The slot the listener fires in, or -1 if it is not on this shard. */
    synchronized int slotOf(MediaClock.Listener listener) {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i].contains(listener)) {
                return i;
            }
        }
        return -1;
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
                step += behind * slots.length;
                lateTicks += behind;
                for (int i = 0; i < pendingSkips.length; i++) {
                    pendingSkips[i] += behind;
                }
                lagWarning.skipped(now, behind);
            }
            int slot = (int) (step % slots.length);
            int skipped = (int) Math.min(pendingSkips[slot], Integer.MAX_VALUE);
            pendingSkips[slot] = 0;
            fire(slots[slot], skipped);
        }
    }

    private void fire(Set<MediaClock.Listener> listeners, int skipped) {
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
