package org.popline.media;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that paces every outgoing stream. It wakes on absolute deadlines
 * (t0 + n * 20 ms), so the error of one wake-up never adds up over a call.
 */
final class MediaClock implements AutoCloseable {

    static final long PERIOD_NANOS = 20_000_000L;

    /** Beyond this many missed ticks the clock skips ahead instead of bursting to catch up. */
    static final int MAX_CATCH_UP_TICKS = 3;

    /** Work done on each tick; runs on the clock thread and must never block. */
    interface Listener {
        /**
         * @param scratch       a buffer shared by all listeners, to build a packet in
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

    private static final Logger log = LoggerFactory.getLogger(MediaClock.class);
    private static final int MAX_PACKET = 1500;

    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private final Set<Listener> failing = ConcurrentHashMap.newKeySet();
    private final TimeSource time;
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(MAX_PACKET);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lateTicks;
    private volatile long ticks;

    MediaClock() {
        this(SYSTEM_TIME);
    }

    MediaClock(TimeSource time) {
        this.time = time;
        this.thread = new Thread(this::run, "media-clock");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void add(Listener listener) {
        listeners.add(listener);
    }

    void remove(Listener listener) {
        listeners.remove(listener);
        failing.remove(listener);
    }

    /** Ticks skipped because the thread fell more than a few frames behind. */
    long lateTicks() {
        return lateTicks;
    }

    long ticks() {
        return ticks;
    }

    void run() {
        long origin = time.nanoTime();
        long tick = 0;
        while (running) {
            tick++;
            long deadline = origin + tick * PERIOD_NANOS;
            time.parkUntil(deadline);
            if (!running) {
                return;
            }
            long behind = (time.nanoTime() - deadline) / PERIOD_NANOS;
            int skipped = 0;
            if (behind > MAX_CATCH_UP_TICKS) {
                skipped = (int) Math.min(behind, Integer.MAX_VALUE);
                tick += skipped;
                lateTicks += skipped;
                log.warn("Media clock fell {} ms behind; skipping {} frames", behind * PERIOD_NANOS / 1_000_000, skipped);
            }
            ticks++;
            fire(skipped);
        }
    }

    private void fire(int skipped) {
        for (Listener listener : listeners) {
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
