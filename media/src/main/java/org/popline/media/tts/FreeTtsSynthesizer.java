package org.popline.media.tts;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.VoiceManager;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FreeTTS speech. The default voice "kevin" is the 8 kHz CMU diphone voice, which
 * matches the telephone band; "kevin16" (16 kHz) is resampled down.
 *
 * <p>A FreeTTS voice keeps per-utterance state, so every synthesis holds this object's lock.
 */
public final class FreeTtsSynthesizer implements SpeechSynthesizer {

    public static final String DEFAULT_VOICE = "kevin";

    private static final Logger log = LoggerFactory.getLogger(FreeTtsSynthesizer.class);
    private static final String VOICES_PROPERTY = "freetts.voices";
    private static final String KEVIN_DIRECTORY = "com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory";

    private final String voiceName;
    private final Voice voice;
    private final StreamingAudioPlayer player = new StreamingAudioPlayer();

    public FreeTtsSynthesizer() {
        this(DEFAULT_VOICE);
    }

    public FreeTtsSynthesizer(String voiceName) {
        this.voiceName = voiceName;
        long start = System.nanoTime();
        registerKevinVoices();
        Voice found = VoiceManager.getInstance().getVoice(voiceName);
        if (found == null) {
            throw new IllegalArgumentException("FreeTTS has no voice named " + voiceName);
        }
        found.allocate();
        found.setAudioPlayer(player);
        this.voice = found;
        log.info("FreeTTS voice {} loaded in {} ms", voiceName, (System.nanoTime() - start) / 1_000_000);
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
    public synchronized void stream(String text, Consumer<short[]> sink) {
        long start = System.nanoTime();
        player.sendTo(sink);
        try {
            if (!voice.speak(text)) {
                player.cancel();
                throw new IllegalStateException("FreeTTS failed to speak: " + text);
            }
            if (player.failure() != null) {
                throw player.failure();
            }
        } finally {
            player.sendTo(null);
        }
        log.debug("Synthesised with {} in {} ms", voiceName, (System.nanoTime() - start) / 1_000_000);
    }
}
