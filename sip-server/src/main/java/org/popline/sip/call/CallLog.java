package org.popline.sip.call;

import org.slf4j.MDC;

/**
 * Puts the call id (and ANI once known) on every log line written for a call, whatever the thread.
 * Both come from the peer: they are cut short and stripped to printable characters, so that a
 * request cannot write kilobytes of junk, or a line of its own, into every line of its call.
 */
public final class CallLog {
    private static final String KEY = "call";
    private static final int MAX_FIELD = 80;

    private CallLog() {
    }

    public static void enter(String callId, String ani) {
        MDC.put(KEY, ani == null || ani.isEmpty() ? "call=" + printable(callId) + " "
                : "call=" + printable(callId) + " ani=" + printable(ani) + " ");
    }

    static String printable(String text) {
        if (text == null) {
            return "";
        }
        String clean = text.length() > 4 * MAX_FIELD ? text.substring(0, 4 * MAX_FIELD) : text;
        clean = clean.replaceAll("[^\\x21-\\x7e]+", "?");
        return clean.length() > MAX_FIELD ? clean.substring(0, MAX_FIELD) + "..." : clean;
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
