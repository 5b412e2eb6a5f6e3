package org.popline.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class FlowThreadsTest {
    @Test
    void platformFlowsRunOnNamedDaemonThreads() throws Exception {
        ExecutorService flows = FlowThreads.create(false, 4);
        try {
            Thread t = flows.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
            assertEquals("flow-1", t.getName());
            assertTrue(t.isDaemon());
        } finally {
            flows.shutdownNow();
        }
    }

    @Test
    void virtualFlowsRunOnVirtualThreadsOnJava21AndLater() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21");
        ExecutorService flows = FlowThreads.create(true, 4);
        try {
            Thread t = flows.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
            assertEquals("flow-v1", t.getName());
            assertTrue((Boolean) Thread.class.getMethod("isVirtual").invoke(t));
        } finally {
            flows.shutdownNow();
        }
    }
}
