package org.popline.sip.call;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The thread that runs calls' timers (no ACK, maximum duration, ringing an agent, waiting in a queue).
 * A cancelled timer leaves its queue at once: the JDK's default keeps it until it would have fired, and
 * a call's maximum-duration timer would then hold the ended call, and all it refers to, for hours
 * (tens of thousands of calls at a few hundred calls a second, all copied by every young GC).
 */
public final class CallTimers {
    private CallTimers() {
    }

    public static ScheduledExecutorService start(String threadName) {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }
}
