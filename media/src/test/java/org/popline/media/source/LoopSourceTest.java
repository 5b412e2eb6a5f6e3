package org.popline.media.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.popline.media.audio.AudioClip;
import org.popline.media.codec.Codec;

class LoopSourceTest {

    /** Distinct values for every sample, so any skipped or repeated sample shows. */
    private static AudioClip clip(int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) (i * 80 - 15_000);
        }
        return new AudioClip(pcm);
    }

    private static byte[] play(AudioSource source, Codec codec, int frames) {
        byte[] out = new byte[frames * 160];
        byte[] frame = new byte[160];
        for (int i = 0; i < frames; i++) {
            assertTrue(source.read(codec, frame), "frame " + i);
            System.arraycopy(frame, 0, out, i * 160, 160);
        }
        return out;
    }

    @Test
    void wrapsInsideAFrameWithoutGapOrRepeat() {
        AudioClip clip = clip(370);
        byte[] encoded = clip.encoded(Codec.PCMU);
        byte[] played = play(new LoopSource(clip), Codec.PCMU, 20);
        byte[] expected = new byte[played.length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = encoded[i % encoded.length];
        }
        assertArrayEquals(expected, played);
    }

    @Test
    void aClipShorterThanAFrameRepeatsWithinTheFrame() {
        AudioClip clip = clip(7);
        byte[] encoded = clip.encoded(Codec.PCMA);
        byte[] played = play(new LoopSource(clip), Codec.PCMA, 2);
        for (int i = 0; i < played.length; i++) {
            assertTrue(played[i] == encoded[i % 7], "sample " + i);
        }
    }

    @Test
    void keepsItsPlaceWhenTheCodecChanges() {
        AudioClip clip = clip(250);
        LoopSource loop = new LoopSource(clip);
        play(loop, Codec.PCMU, 1);
        byte[] second = play(loop, Codec.PCMA, 1);
        byte[] pcma = clip.encoded(Codec.PCMA);
        byte[] expected = new byte[160];
        System.arraycopy(pcma, 160, expected, 0, 90);
        System.arraycopy(pcma, 0, expected, 90, 70);
        assertArrayEquals(expected, second);
    }

    @Test
    void loopsOnLongAfterTheClipHasEnded() {
        byte[] played = play(new LoopSource(clip(160)), Codec.PCMU, 500);
        assertArrayEquals(Arrays.copyOfRange(played, 0, 160), Arrays.copyOfRange(played, 499 * 160, 500 * 160));
    }

    @Test
    void refusesAnEmptyClip() {
        assertThrows(IllegalArgumentException.class, () -> new LoopSource(new AudioClip(new short[0])));
    }
}
