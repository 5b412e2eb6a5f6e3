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

    /** The number the caller dialled; empty where the call does not say. */
    default String dnis() {
        return "";
    }

    /**
     * Speaks text with {@code voice} (empty: the server's voice); completes when the last frame
     * has been sent, when the call ends, or, if interruptible, as soon as the caller presses a key
     * (the key stays for {@link #nextDigit}). A key pressed before an interruptible prompt starts
     * skips it.
     */
    CompletableFuture<Void> say(String text, Optional<String> voice, boolean interruptible);

    default CompletableFuture<Void> say(String text, boolean interruptible) {
        return say(text, Optional.empty(), interruptible);
    }

    default CompletableFuture<Void> say(String text) {
        return say(text, false);
    }

    /**
     * Plays an audio file named relative to the configuration folder, once or in a seamless loop,
     * with the same completion rules as {@link #say}; a loop completes only when something else is
     * played or the call ends. Fails if the file cannot be read.
     */
    CompletableFuture<Void> playFile(String file, boolean loop, boolean interruptible);

    /**
     * Plays the configured music on hold in a seamless loop until something else is played or the
     * call ends; the future completes then.
     */
    CompletableFuture<Void> playMusic();

    /** The caller's next key press, waiting up to {@code timeout}; empty on timeout or when the call ends. */
    Optional<Character> nextDigit(Duration timeout) throws InterruptedException;

    /**
     * While on, the keys the caller presses are personal (a PIN, a card number): the call keeps
     * them out of its logs and of what it shows and records, masked ({@link SecureDigits}). Turning
     * it on also masks keys already pressed but not yet taken by {@link #nextDigit}, since they
     * were typed ahead for the secure entry.
     */
    void secureDigits(boolean on);

    /**
     * Puts the caller in the request's queue. The entry's future completes with the answering agent's id, or
     * exceptionally with a {@link QueueException} when the queue gives up on the caller later.
     *
     * @throws QueueException if the caller cannot join (no such queue, queue full)
     */
    QueueEntry enqueue(QueueRequest request) throws QueueException;

    /**
     * Where a caller joining {@code queue} now would stand, without joining it.
     *
     * @throws QueueException if there is no such queue or it cannot tell
     */
    default QueueStatus queueStatus(String queue) throws QueueException {
        throw new QueueException("queue look-up is not available on this call");
    }

    /** Shows a page on the desktop of the agent who has this call. */
    void screenPop(ScreenPop pop);

    /** Completes when the call has ended, whoever ended it. */
    CompletableFuture<Void> ended();

    void hangUp();
}
