package org.popline.ivr.flow;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Waiting for something the call plays, with a failure to play surfacing as the activity's failure. */
public final class Prompts {
    private Prompts() {
    }

    /**
     * Speaks the rendered {@code text}, else plays the {@code audio} file its rendered name names,
     * recording which in the trace ({@code text}/{@code audio}); neither: nothing.
     */
    public static void play(ActivityContext context, Optional<String> text, Optional<String> audio,
            Optional<String> voice, boolean interruptible) throws InterruptedException {
        if (text.isPresent()) {
            String spoken = context.render(text.get());
            context.input("text", spoken);
            await(context.call().say(spoken, voice, interruptible));
        } else if (audio.isPresent()) {
            String file = context.render(audio.get());
            context.input("audio", file);
            await(context.call().playFile(file, false, interruptible));
        }
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
