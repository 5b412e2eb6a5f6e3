package org.popline.media;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.popline.media.source.AudioSource;

/** One play request: the source and the future that tells the caller it is over. */
record Playback(AudioSource source, CompletableFuture<Void> done) {

    Playback(AudioSource source) {
        this(source, new CompletableFuture<>());
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
