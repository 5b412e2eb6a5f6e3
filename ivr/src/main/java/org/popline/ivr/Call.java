package org.popline.ivr;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What a flow may do with a call. Flows see nothing of SIP or RTP, so they can be tested
 * with an in-memory call and run unchanged against a real one.
 */
public interface Call {
    String callId();

    /** The caller's number as signalled (before any stripping). */
    String ani();

    /**
     * Speaks text with the call's voice; completes when the last frame has been sent, when the call
     * ends, or, if interruptible, as soon as the caller presses a key (the key stays for
     * {@link #nextDigit}). A key pressed before an interruptible prompt starts skips it.
     */
    CompletableFuture<Void> say(String text, boolean interruptible);

    default CompletableFuture<Void> say(String text) {
        return say(text, false);
    }

    /**
     * Plays the configured music on hold in a seamless loop until something else is played or the
     * call ends; the future completes then.
     */
    CompletableFuture<Void> playMusic();

    /** The caller's next key press, waiting up to {@code timeout}; empty on timeout or when the call ends. */
    Optional<Character> nextDigit(Duration timeout) throws InterruptedException;

    /** Completes when the call has ended, whoever ended it. */
    CompletableFuture<Void> ended();

    void hangUp();
}
