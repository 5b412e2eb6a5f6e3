package org.popline.media;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.popline.media.source.AudioSource;

/**
 * One play request: the source, the future that tells the caller it is over, and what to run once
 * the source's first audible frame has been sent (on the clock thread, so it must be quick).
 */
final class Playback {

    private static final Runnable NOTHING = () -> { };

    private final AudioSource source;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private Runnable firstFrameSent;

    Playback(AudioSource source) {
        this(source, NOTHING);
    }

    Playback(AudioSource source, Runnable firstFrameSent) {
        this.source = source;
        this.firstFrameSent = firstFrameSent;
    }

    AudioSource source() {
        return source;
    }

    CompletableFuture<Void> done() {
        return done;
    }

    /** The frame this playback's source filled has left the socket; clock thread only. */
    void frameSent() {
        if (firstFrameSent != NOTHING && !source.waiting()) {
            Runnable hook = firstFrameSent;
            firstFrameSent = NOTHING;
            hook.run();
        }
    }

    /**
     * Completes on {@code executor}, because callers' dependent actions would otherwise
     * run on the thread that completes the future, which may be the media clock.
     */
    void finishAsync(Executor executor) {
        executor.execute(() -> done.complete(null));
    }

    void failAsync(Throwable cause, Executor executor) {
        executor.execute(() -> done.completeExceptionally(cause));
    }

    void finish() {
        done.complete(null);
    }
}
