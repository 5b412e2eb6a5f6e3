package org.popline.queue;

/** The ACD would not take a caller (no such queue, queue full, already waiting); the message says which. */
public final class QueueRefusedException extends Exception {

    public QueueRefusedException(String message) {
        super(message);
    }
}
