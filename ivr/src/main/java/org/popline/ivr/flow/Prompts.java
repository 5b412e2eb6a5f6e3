package org.popline.ivr.flow;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Waiting for something the call plays, with a failure to play surfacing as the activity's failure. */
public final class Prompts {
    private Prompts() {
    }

    public static void await(CompletableFuture<Void> playing) throws InterruptedException {
        try {
            playing.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot play: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Throws if {@code playing} has already failed (a file that could not be read); does not wait. */
    public static void awaitFailure(CompletableFuture<Void> playing) throws InterruptedException {
        if (playing.isCompletedExceptionally()) {
            await(playing);
        }
    }
}
