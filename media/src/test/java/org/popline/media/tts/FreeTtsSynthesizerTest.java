package org.popline.media.tts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.popline.media.audio.AudioClip;

class FreeTtsSynthesizerTest {

    private static FreeTtsSynthesizer kevin;

    @BeforeAll
    static void loadVoice() {
        kevin = new FreeTtsSynthesizer();
    }

    private static double rms(short[] pcm, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) pcm[i] * pcm[i];
        }
        return Math.sqrt(sum / Math.max(1, to - from));
    }

    /** Fraction of 20 ms frames whose level is well below the utterance's: pauses between sounds. */
    private static double quietFrameRatio(short[] pcm) {
        double overall = rms(pcm, 0, pcm.length);
        int frames = pcm.length / 160;
        int quiet = 0;
        for (int f = 0; f < frames; f++) {
            if (rms(pcm, f * 160, f * 160 + 160) < overall / 10) {
                quiet++;
            }
        }
        return (double) quiet / frames;
    }

    @Test
    void speaksAWelcomeLikeSpeech() {
        short[] pcm = kevin.synthesize("Welcome to Popline");
        double seconds = pcm.length / 8000.0;
        assertTrue(seconds > 1.0 && seconds < 2.5, "duration " + seconds);
        assertTrue(rms(pcm, 0, pcm.length) > 500, "rms " + rms(pcm, 0, pcm.length));
        double quiet = quietFrameRatio(pcm);
        assertTrue(quiet > 0.02 && quiet < 0.6, "quiet frame ratio " + quiet);
        assertEquals("kevin", kevin.voice());
    }

    @Test
    void sixteenKilohertzVoiceIsResampledToTheSameTimeScale() {
        FreeTtsSynthesizer kevin16 = new FreeTtsSynthesizer("kevin16");
        short[] narrow = kevin.synthesize("Welcome to Popline");
        short[] wide = kevin16.synthesize("Welcome to Popline");
        assertEquals(narrow.length, wide.length, narrow.length * 0.1);
        assertTrue(rms(wide, 0, wide.length) > 500);
    }

    @Test
    void instancesSpeakingAtOnceSayWhatOneSaysAlone() throws Exception {
        FreeTtsSynthesizer two = new FreeTtsSynthesizer("kevin", 2);
        List<String> texts = List.of("Hello Grace Lee. Your latest case is about email forwarding.",
                "Hello Michael Brown. Your latest case is about a phone line with static noise.",
                "Hello Sven Yilmaz. Your latest case is about a missing invoice.",
                "Hello Jonas Schmidt. Your latest case is about a broken router.");
        List<short[]> alone = texts.stream().map(kevin::synthesize).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 3; round++) {
                List<Future<short[]>> together = new ArrayList<>();
                for (String text : texts) {
                    together.add(pool.submit(() -> two.synthesize(text)));
                }
                for (int i = 0; i < texts.size(); i++) {
                    assertArrayEquals(alone.get(i), together.get(i).get(60, TimeUnit.SECONDS), texts.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void promptCacheOverFreeTtsReturnsOnePromptPerText() {
        PromptCache cache = new PromptCache(kevin);
        AudioClip prompt = cache.get("kevin", "Thank you for calling");
        assertSame(prompt, cache.get("kevin", "Thank you for calling"));
        assertTrue(prompt.duration().toMillis() > 500);
    }
}
