package org.popline.media;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs what a clock thread sets off (a playback finished or failed) on threads of its own,
 * started up front. A clock thread must not run callers' code, and must not start threads
 * either: CompletableFuture's default executor starts a thread per task on a 2-core machine,
 * which cost the clock a clone() per finished prompt.
 */
final class OffClockExecutor implements Executor, AutoCloseable {

    private static final int THREADS = 2;

    private final ThreadPoolExecutor pool;

    OffClockExecutor() {
        AtomicInteger count = new AtomicInteger();
        pool = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "media-events-" + count.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        });
        pool.prestartAllCoreThreads();
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
