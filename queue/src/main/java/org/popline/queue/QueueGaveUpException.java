package org.popline.queue;

import java.time.Duration;

/** The queue stopped waiting for an agent on a caller's behalf; the message says why, for the trace and the flow. */
public final class QueueGaveUpException extends Exception {

    public QueueGaveUpException(String message) {
        super(message);
    }

    public static QueueGaveUpException waitedTooLong(String queue, Duration maxWait) {
        return new QueueGaveUpException("waited longer than " + brief(maxWait) + " in " + queue);
    }

    public static QueueGaveUpException closed(String queue) {
        return new QueueGaveUpException("the ACD closed while waiting in " + queue);
    }

    /** "10m", "45s" or "1500ms": the shortest exact unit, as people configure waits. */
    private static String brief(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }
}
