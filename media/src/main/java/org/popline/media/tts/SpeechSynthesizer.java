package org.popline.media.tts;

import java.util.function.Consumer;

/** Text to speech. Implementations may be slow; callers cache through {@link PromptCache}. */
public interface SpeechSynthesizer {

    String voice();

    /** Speaks {@code text} as 8 kHz mono 16-bit PCM. */
    short[] synthesize(String text);

    /**
     * Speaks {@code text} as 8 kHz mono 16-bit PCM, handing the samples to {@code sink} in order as
     * they are made (each array is the sink's to keep), and returns once all are. A synthesizer
     * that cannot do better hands over the whole at the end.
     */
    default void stream(String text, Consumer<short[]> sink) {
        sink.accept(synthesize(text));
    }
}
