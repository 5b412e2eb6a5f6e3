package org.popline.media.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.popline.media.codec.Codec;

class GrowingClipTest {

    /** 2.6 chunks written in pieces of odd sizes, so pieces and frames straddle the chunks' edges. */
    private static final int SAMPLES = GrowingClip.CHUNK_SAMPLES * 2 + GrowingClip.CHUNK_SAMPLES * 3 / 5;

    @Test
    void readersGetEveryEncodedSampleAcrossChunksWhileItGrows() {
        short[] pcm = noise(SAMPLES);
        AudioClip expected = new AudioClip(pcm);
        GrowingClip clip = new GrowingClip();
        byte[][] read = {new byte[SAMPLES], new byte[SAMPLES]};
        int[] position = new int[2];
        Random pieces = new Random(7);
        int written = 0;
        while (written < SAMPLES) {
            int piece = Math.min(SAMPLES - written, 1 + pieces.nextInt(3_000));
            clip.append(pcm, written, piece);
            written += piece;
            assertEquals(new GrowingClip.Progress(written, false), clip.progress());
            for (Codec codec : Codec.values()) {
                position[codec.ordinal()] += readFrames(clip, codec, position[codec.ordinal()], read[codec.ordinal()]);
            }
        }
        for (Codec codec : Codec.values()) {
            assertEquals(SAMPLES, position[codec.ordinal()], codec + " samples read");
            assertArrayEquals(expected.encoded(codec), read[codec.ordinal()], codec + " bytes");
        }
    }

    @Test
    void finishingGivesTheWholeClipAndReadersCarryOn() {
        short[] pcm = noise(SAMPLES);
        GrowingClip clip = new GrowingClip();
        clip.append(pcm, 0, SAMPLES);
        AudioClip whole = clip.finish();
        assertArrayEquals(pcm, whole.pcm());
        assertEquals(whole, clip.done().join());
        assertTrue(clip.progress().finished());
        byte[] frame = new byte[160];
        int from = GrowingClip.CHUNK_SAMPLES - 100;
        assertEquals(160, clip.copy(Codec.PCMA, from, frame, 0, 160));
        assertArrayEquals(Arrays.copyOfRange(whole.encoded(Codec.PCMA), from, from + 160), frame);
        assertEquals(40, clip.copy(Codec.PCMA, SAMPLES - 40, frame, 0, 160), "only what is there");
        assertThrows(IllegalStateException.class, () -> clip.append(pcm, 0, 1));
    }

    @Test
    void aFailedClipFailsItsReaders() {
        GrowingClip clip = new GrowingClip();
        clip.append(noise(100), 0, 100);
        clip.fail(new IllegalStateException("voice broke"));
        IllegalStateException thrown = assertThrows(IllegalStateException.class, clip::progress);
        assertTrue(thrown.getMessage().contains("voice broke"));
        assertTrue(clip.done().isCompletedExceptionally());
        assertFalse(clip.done().isCancelled());
    }

    /** Reads 20 ms frames while whole ones are there; returns how many samples it read. */
    private static int readFrames(GrowingClip clip, Codec codec, int from, byte[] into) {
        int at = from;
        byte[] frame = new byte[160];
        while (clip.progress().length() - at >= frame.length) {
            int n = clip.copy(codec, at, frame, 0, frame.length);
            System.arraycopy(frame, 0, into, at, n);
            at += n;
        }
        return at - from;
    }

    private static short[] noise(int count) {
        Random random = new Random(42);
        short[] out = new short[count];
        for (int i = 0; i < count; i++) {
            out[i] = (short) random.nextInt();
        }
        return out;
    }
}
