package org.popline.sip.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition that the server makes true, failing with what was awaited after a generous limit. */
public final class Await {
    private Await() {
    }

    public static void until(String what, BooleanSupplier condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + limit.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
