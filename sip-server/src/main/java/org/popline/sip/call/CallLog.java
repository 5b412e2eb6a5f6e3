package org.popline.sip.call;

import org.popline.media.PeerText;
import org.slf4j.MDC;

/**
 * Puts the call id (and ANI once known) on every log line written for a call, whatever the thread.
 * Both come from the peer: they are cut short and stripped to printable characters, so that a
 * request cannot write kilobytes of junk, or a line of its own, into every line of its call.
 */
public final class CallLog {
    private static final String KEY = "call";

    private CallLog() {
    }

    public static void enter(String callId, String ani) {
        MDC.put(KEY, ani == null || ani.isEmpty() ? "call=" + PeerText.printable(callId) + " "
                : "call=" + PeerText.printable(callId) + " ani=" + PeerText.printable(ani) + " ");
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
