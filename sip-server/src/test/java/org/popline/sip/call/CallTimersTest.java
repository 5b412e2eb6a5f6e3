package org.popline.sip.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallTimersTest {
    @Test
    void aCancelledTimerNoLongerHoldsItsCall() {
        ScheduledExecutorService timers = CallTimers.start("test-timers");
        try {
            Object call = new Object();
            ScheduledFuture<?> maxDuration = timers.schedule(call::notify, 4, TimeUnit.HOURS);
            timers.schedule(() -> { }, 4, TimeUnit.HOURS);
            maxDuration.cancel(false);
            assertEquals(1, ((ScheduledThreadPoolExecutor) timers).getQueue().size(), "only the live timer stays queued");
        } finally {
            timers.shutdownNow();
        }
    }
}
