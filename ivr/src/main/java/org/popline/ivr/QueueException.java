package org.popline.ivr;

/** A queue would not take or keep a caller; the message says why, for the trace and the flow. */
public final class QueueException extends Exception {
    public QueueException(String message) {
        super(message);
    }
}
