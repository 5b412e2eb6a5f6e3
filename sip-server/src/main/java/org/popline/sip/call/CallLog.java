package org.popline.sip.call;

import org.slf4j.MDC;

/** Puts the call id (and ANI once known) on every log line written for a call, whatever the thread. */
public final class CallLog {
    private static final String KEY = "call";

    private CallLog() {
    }

    public static void enter(String callId, String ani) {
        MDC.put(KEY, ani == null || ani.isEmpty() ? "call=" + callId + " " : "call=" + callId + " ani=" + ani + " ");
    }

    public static void leave() {
        MDC.remove(KEY);
    }

    /** Wraps a task so that it logs under the call's tag on whichever thread runs it. */
    public static Runnable wrap(String callId, String ani, Runnable task) {
        return () -> {
            enter(callId, ani);
            try {
                task.run();
            } finally {
                leave();
            }
        };
    }
}
