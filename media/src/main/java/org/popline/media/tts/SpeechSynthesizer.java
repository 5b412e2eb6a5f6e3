package org.popline.media.tts;

/** Text to speech. Implementations may be slow; callers cache through {@link PromptCache}. */
public interface SpeechSynthesizer {

    String voice();

    /** Speaks {@code text} as 8 kHz mono 16-bit PCM. */
    short[] synthesize(String text);
}
