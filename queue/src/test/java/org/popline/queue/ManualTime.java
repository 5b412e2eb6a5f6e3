package org.popline.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A clock and a scheduler that move only when a test says so; due timers run on the test's thread. */
final class ManualTime {
    private static final int MAX_TIMERS_PER_ADVANCE = 10_000;

    private final PriorityQueue<Timer> timers = new PriorityQueue<>(
            Comparator.comparing((Timer timer) -> timer.due).thenComparingLong(timer -> timer.order));
    private Instant now = Instant.parse("2026-01-05T09:00:00Z");
    private long scheduled;

    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now();
        }
    };

    private final ScheduledExecutorService scheduler = new Scheduler();

    Clock clock() {
        return clock;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    synchronized Instant now() {
        return now;
    }

    /** Moves time forward, running each timer that falls due on the way at its due time. */
    void advance(Duration by) {
        Instant target = now().plus(by);
        for (int i = 0; i < MAX_TIMERS_PER_ADVANCE; i++) {
            Timer next;
            synchronized (this) {
                next = timers.peek();
                if (next == null || next.due.isAfter(target)) {
                    now = target;
                    return;
                }
                timers.poll();
                now = next.due;
            }
            next.run();
        }
        throw new AssertionError("timers kept scheduling timers");
    }

    synchronized int pendingTimers() {
        return (int) timers.stream().filter(timer -> !timer.isCancelled()).count();
    }

    private final class Timer implements ScheduledFuture<Object> {
        private final Runnable task;
        private final Instant due;
        private final long order;
        private volatile boolean cancelled;
        private volatile boolean ran;

        Timer(Runnable task, Instant due, long order) {
            this.task = task;
            this.due = due;
            this.order = order;
        }

        void run() {
            if (!cancelled) {
                ran = true;
                task.run();
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(now(), due));
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (ran) {
                return false;
            }
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return cancelled || ran;
        }

        @Override
        public Object get() {
            throw new UnsupportedOperationException("the ACD does not wait for its timers");
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException("the ACD does not wait for its timers");
        }
    }

    /** Supports one-shot Runnable timers, all the ACD uses. */
    private final class Scheduler extends AbstractExecutorService implements ScheduledExecutorService {
        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            synchronized (ManualTime.this) {
                Timer timer = new Timer(command, now.plusNanos(unit.toNanos(delay)), scheduled++);
                timers.add(timer);
                return timer;
            }
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void execute(Runnable command) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void shutdown() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Runnable> shutdownNow() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }
    }
}
