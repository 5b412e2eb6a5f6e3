package org.popline.ivr;

import java.util.concurrent.CompletableFuture;

/**
 * What a flow may do with a call. Flows see nothing of SIP or RTP, so they can be tested
 * with an in-memory call and run unchanged against a real one.
 */
public interface Call {
    String callId();

    /** The caller's number as signalled (before any stripping). */
    String ani();

    /** Speaks text with the call's voice; completes when the last frame has been sent or the call ends. */
    CompletableFuture<Void> say(String text);

    /** Completes when the call has ended, whoever ended it. */
    CompletableFuture<Void> ended();

    void hangUp();
}
