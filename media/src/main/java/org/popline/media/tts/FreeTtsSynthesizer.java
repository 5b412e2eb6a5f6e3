package org.popline.media.tts;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.VoiceManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FreeTTS speech. The default voice "kevin" is the 8 kHz CMU diphone voice, which
 * matches the telephone band; "kevin16" (16 kHz) is resampled down.
 *
 * <p>A FreeTTS voice keeps per-utterance state, so one voice speaks one text at a time; this holds
 * several instances of the voice (one per core by default, about 4 MB each beyond the first), so
 * that calls arriving together do not queue behind each other's whole prompts.
 */
public final class FreeTtsSynthesizer implements SpeechSynthesizer {

    public static final String DEFAULT_VOICE = "kevin";

    private static final Logger log = LoggerFactory.getLogger(FreeTtsSynthesizer.class);
    private static final String VOICES_PROPERTY = "freetts.voices";
    private static final String KEVIN_DIRECTORY = "com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory";

    /** One instance of the voice and the player it writes to. */
    private record Speaker(Voice voice, StreamingAudioPlayer player) {
    }

    private final String voiceName;
    private final BlockingQueue<Speaker> idle;

    public FreeTtsSynthesizer() {
        this(DEFAULT_VOICE);
    }

    public FreeTtsSynthesizer(String voiceName) {
        this(voiceName, Runtime.getRuntime().availableProcessors());
    }

    /** @param instances how many texts can be spoken at once */
    public FreeTtsSynthesizer(String voiceName, int instances) {
        if (instances < 1) {
            throw new IllegalArgumentException("at least one voice instance: " + instances);
        }
        this.voiceName = voiceName;
        this.idle = new ArrayBlockingQueue<>(instances);
        long start = System.nanoTime();
        registerKevinVoices();
        for (int i = 0; i < instances; i++) {
            Voice found = VoiceManager.getInstance().getVoice(voiceName);
            if (found == null) {
                throw new IllegalArgumentException("FreeTTS has no voice named " + voiceName);
            }
            found.allocate();
            StreamingAudioPlayer player = new StreamingAudioPlayer();
            found.setAudioPlayer(player);
            idle.add(new Speaker(found, player));
        }
        log.info("FreeTTS voice {} loaded {} times in {} ms", voiceName, instances, (System.nanoTime() - start) / 1_000_000);
    }

    // The jar's own voice list is empty; FreeTTS finds voice directories only through this property.
    private static synchronized void registerKevinVoices() {
        String current = System.getProperty(VOICES_PROPERTY);
        if (current == null || current.isBlank()) {
            System.setProperty(VOICES_PROPERTY, KEVIN_DIRECTORY);
        } else if (!current.contains(KEVIN_DIRECTORY)) {
            System.setProperty(VOICES_PROPERTY, current + "," + KEVIN_DIRECTORY);
        }
    }

    @Override
    public String voice() {
        return voiceName;
    }

    @Override
    public short[] synthesize(String text) {
        List<short[]> pieces = new ArrayList<>();
        stream(text, pieces::add);
        short[] samples = new short[pieces.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (short[] piece : pieces) {
            System.arraycopy(piece, 0, samples, at, piece.length);
            at += piece.length;
        }
        return samples;
    }

    @Override
    public void stream(String text, Consumer<short[]> sink) {
        Speaker speaker;
        try {
            speaker = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a free voice", e);
        }
        long start = System.nanoTime();
        speaker.player().sendTo(sink);
        try {
            if (!speaker.voice().speak(text)) {
                speaker.player().cancel();
                throw new IllegalStateException("FreeTTS failed to speak: " + text);
            }
            if (speaker.player().failure() != null) {
                throw speaker.player().failure();
            }
        } finally {
            speaker.player().sendTo(null);
            idle.add(speaker);
        }
        log.debug("Synthesised with {} in {} ms", voiceName, (System.nanoTime() - start) / 1_000_000);
    }
}
