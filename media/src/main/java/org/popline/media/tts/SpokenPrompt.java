package org.popline.media.tts;

import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;
import org.popline.media.audio.AudioClip;
import org.popline.media.audio.GrowingClip;
import org.popline.media.source.AudioSource;
import org.popline.media.source.ClipSource;
import org.popline.media.source.StreamingClipSource;

/**
 * A prompt as one call gets it from the {@link PromptCache}: the whole clip when the cache held it,
 * else the stream of a synthesis in progress, which can be played at once. The call that started
 * the synthesis runs it ({@link #synthesise()}) after it has started playing.
 */
public final class SpokenPrompt {

    private final AudioClip held;
    private final GrowingClip stream;
    private final Runnable synthesis;
    private final LongAdder underruns;
    private final FirstFrameListener listener;

    private SpokenPrompt(AudioClip held, GrowingClip stream, Runnable synthesis, LongAdder underruns,
            FirstFrameListener listener) {
        this.held = held;
        this.stream = stream;
        this.synthesis = synthesis;
        this.underruns = underruns;
        this.listener = listener;
    }

    static SpokenPrompt held(AudioClip clip, FirstFrameListener listener) {
        return new SpokenPrompt(clip, null, null, null, listener);
    }

    static SpokenPrompt sharing(GrowingClip stream, LongAdder underruns, FirstFrameListener listener) {
        return new SpokenPrompt(null, stream, null, underruns, listener);
    }

    static SpokenPrompt making(GrowingClip stream, Runnable synthesis, LongAdder underruns, FirstFrameListener listener) {
        return new SpokenPrompt(null, stream, synthesis, underruns, listener);
    }

    /** True when the prompt was still being synthesised as it was asked for. */
    public boolean streamed() {
        return held == null;
    }

    /** A source playing the prompt from its start; a stream's source plays while the rest is made. */
    public AudioSource source() {
        return held != null ? new ClipSource(held)
                : new StreamingClipSource(stream, StreamingClipSource.DEFAULT_LEAD_SAMPLES, underruns);
    }

    /**
     * Runs the synthesis on this thread if this call started it, else does nothing. A failure is not
     * thrown: the stream's readers throw it, so every call playing the prompt fails alike.
     */
    public void synthesise() {
        if (synthesis != null) {
            synthesis.run();
        }
    }

    /** The whole clip, waiting for the synthesis (run by {@link #synthesise()} or another call) if need be. */
    public AudioClip clip() {
        if (held != null) {
            return held;
        }
        try {
            return stream.done().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * What to run when the prompt's first frame has been sent to a call that asked for it at
     * {@code askedAtNanos} ({@link System#nanoTime()}): tells the cache's {@link FirstFrameListener}.
     */
    public Runnable firstFrameSent(long askedAtNanos) {
        return () -> listener.firstFrameSent(System.nanoTime() - askedAtNanos, streamed());
    }
}
