package org.popline.ivr.flow;

import java.util.List;
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

    /**
     * What an activity says: its {@code prompts} list, else its {@code textKey} text, else its
     * {@code audio} file; empty when it has none.
     */
    public static List<PromptPart> of(Settings settings, String textKey) {
        List<PromptPart> parts = settings.prompts("prompts");
        if (!parts.isEmpty()) {
            return parts;
        }
        return settings.text(textKey).map(PromptPart::text)
                .or(() -> settings.text("audio").map(PromptPart::audio)).map(List::of).orElse(List.of());
    }

    /**
     * Plays the prompts in order, recording them in the trace (one prompt as {@code text} or
     * {@code audio}, several as {@code prompts}). A key that cuts an interruptible prompt short
     * stays pressed, so the prompts after it are skipped too ({@link org.popline.ivr.Call#say}).
     */
    public static void play(ActivityContext context, List<PromptPart> parts, Optional<String> voice,
            boolean interruptible) throws InterruptedException {
        if (parts.size() == 1) {
            PromptPart only = parts.get(0);
            play(context, only.kind() == PromptPart.Kind.TEXT ? Optional.of(only.template()) : Optional.empty(),
                    only.kind() == PromptPart.Kind.AUDIO ? Optional.of(only.template()) : Optional.empty(),
                    voice, interruptible);
            return;
        }
        List<PromptPart> rendered = parts.stream().map(p -> new PromptPart(p.kind(), context.render(p.template())))
                .toList();
        context.input("prompts", rendered.stream().map(p -> p.kind().key() + ": " + p.template()).toList());
        for (PromptPart part : rendered) {
            await(part.kind() == PromptPart.Kind.TEXT ? context.call().say(part.template(), voice, interruptible)
                    : context.call().playFile(part.template(), false, interruptible));
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
