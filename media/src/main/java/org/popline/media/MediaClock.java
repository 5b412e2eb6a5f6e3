package org.popline.media;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.LockSupport;

/**
 * Paces every outgoing stream on absolute 20 ms deadlines, with one {@link ClockShard} thread
 * per core: on loopback or a fast NIC the send system calls of a few thousand streams take
 * most of a core, more than one thread can fit into 20 ms. A stream joins the shard with the
 * fewest streams and stays there, so its frames never race each other across threads.
 */
final class MediaClock implements AutoCloseable {

    static final long PERIOD_NANOS = 20_000_000L;

    /** Beyond this many missed ticks a shard skips ahead instead of bursting to catch up. */
    static final int MAX_CATCH_UP_TICKS = 3;

    /** Sub-slots of the period per shard: 5 ms each, so one slot's sends are a quarter of a tick's. */
    static final int SLOTS = 4;

    /** Work done on each tick; runs on a clock thread and must never block. */
    interface Listener {
        /**
         * @param scratch       a buffer shared by the listeners of one clock thread, to build a packet in
         * @param skippedFrames frames dropped just before this tick because the clock fell behind
         */
        void onTick(ByteBuffer scratch, int skippedFrames);
    }

    /** Time, separate so that tests can run the loop on a simulated clock. */
    interface TimeSource {
        long nanoTime();

        void parkUntil(long deadlineNanos);
    }

    static final TimeSource SYSTEM_TIME = new TimeSource() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void parkUntil(long deadlineNanos) {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining > 0) {
                LockSupport.parkNanos(this, remaining);
            }
        }
    };

    /** For {@code realtimePriority}: the clock threads keep the normal priority. */
    static final int NORMAL_PRIORITY = 0;

    private final List<ClockShard> shards;
    private final Map<Listener, ClockShard> placement = new ConcurrentHashMap<>();
    private final OffClockExecutor offClock = new OffClockExecutor();

    /**
     * @param realtimePriority SCHED_RR priority of the clock threads (1-99), or
     *                         {@link #NORMAL_PRIORITY}
     */
    MediaClock(int threads, int realtimePriority) {
        this(shards(threads, realtimePriority));
    }

    MediaClock(List<ClockShard> shards) {
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("a media clock needs at least one thread");
        }
        this.shards = List.copyOf(shards);
    }

    private static List<ClockShard> shards(int threads, int realtimePriority) {
        if (threads < 1) {
            throw new IllegalArgumentException("media clock threads must be at least 1, not " + threads);
        }
        if (realtimePriority != NORMAL_PRIORITY) {
            RealtimeScheduling.checkPriority(realtimePriority);
        }
        // Threads start within microseconds of each other, so offsetting each one's origin by a
        // fraction of a slot interleaves their bursts of sends.
        long slotNanos = PERIOD_NANOS / SLOTS;
        ClockShard[] shards = new ClockShard[threads];
        for (int i = 0; i < threads; i++) {
            shards[i] = new ClockShard("media-clock-" + i, SLOTS, i * slotNanos / threads, SYSTEM_TIME, realtimePriority);
        }
        return List.of(shards);
    }

    void start() {
        shards.forEach(ClockShard::start);
    }

    /** Starts ticking the listener; adding one that ticks already changes nothing. */
    synchronized void add(Listener listener) {
        if (placement.containsKey(listener)) {
            return;
        }
        ClockShard emptiest = shards.get(0);
        for (ClockShard shard : shards) {
            if (shard.size() < emptiest.size()) {
                emptiest = shard;
            }
        }
        emptiest.add(listener);
        placement.put(listener, emptiest);
    }

    synchronized void remove(Listener listener) {
        ClockShard shard = placement.remove(listener);
        if (shard != null) {
            shard.remove(listener);
        }
    }

    /** The shard that ticks the listener, or null. */
    ClockShard shardOf(Listener listener) {
        return placement.get(listener);
    }

    /** Where work set off by a clock thread runs, so that it never runs on the clock thread itself. */
    Executor offClock() {
        return offClock;
    }

    /** Ticks skipped because a clock thread fell more than a few frames behind, summed over the threads. */
    long lateTicks() {
        long sum = 0;
        for (ClockShard shard : shards) {
            sum += shard.lateTicks();
        }
        return sum;
    }

    @Override
    public void close() {
        shards.forEach(ClockShard::stop);
        shards.forEach(ClockShard::close);
        offClock.close();
    }
}
