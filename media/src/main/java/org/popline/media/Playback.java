package org.popline.media;

import java.util.concurrent.CompletableFuture;
import org.popline.media.source.AudioSource;

/** One play request: the source and the future that tells the caller it is over. */
record Playback(AudioSource source, CompletableFuture<Void> done) {

    Playback(AudioSource source) {
        this(source, new CompletableFuture<>());
    }

    /**
     * Completes on another thread, because callers' dependent actions would otherwise
     * run on the thread that completes the future, which may be the media clock.
     */
    void finishAsync() {
        done.completeAsync(() -> null);
    }

    void failAsync(Throwable cause) {
        CompletableFuture.runAsync(() -> done.completeExceptionally(cause));
    }

    void finish() {
        done.complete(null);
    }
}
