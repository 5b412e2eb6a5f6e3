package org.popline.app;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads calls' flows run on: one platform thread per live call from a pool that lets idle ones go,
 * or (call.flow-threads: virtual) one virtual thread per call. A flow spends its life waiting for prompts
 * to play, digits and the CRM, which is what virtual threads are for. Popline builds on Java 17, so the
 * Java 21 API is looked up when asked for; the configuration refuses "virtual" on an older runtime.
 */
final class FlowThreads {
    private FlowThreads() {
    }

    static ExecutorService create(boolean virtual, int maxConcurrent) {
        return virtual ? virtualPerTask() : platformPool(maxConcurrent);
    }

    private static ExecutorService platformPool(int maxConcurrent) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(0, maxConcurrent, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "flow-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private static ExecutorService virtualPerTask() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builderType = Class.forName("java.lang.Thread$Builder$OfVirtual");
            Object builder = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(builderType)).invoke();
            builder = lookup.findVirtual(builderType, "name", MethodType.methodType(builderType, String.class, long.class))
                    .invoke(builder, "flow-v", 1L);
            ThreadFactory factory = (ThreadFactory) lookup.findVirtual(builderType, "factory",
                    MethodType.methodType(ThreadFactory.class)).invoke(builder);
            return (ExecutorService) lookup.findStatic(Executors.class, "newThreadPerTaskExecutor",
                    MethodType.methodType(ExecutorService.class, ThreadFactory.class)).invoke(factory);
        } catch (Throwable e) {
            throw new IllegalStateException("virtual threads are not available on Java " + Runtime.version(), e);
        }
    }
}
