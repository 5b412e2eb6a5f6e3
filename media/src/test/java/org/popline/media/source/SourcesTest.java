package org.popline.media.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.popline.media.audio.AudioClip;
import org.popline.media.codec.Codec;

class SourcesTest {

    private static byte[] drain(AudioSource source, Codec codec) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] frame = new byte[160];
        while (source.read(codec, frame)) {
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    private static AudioClip ramp(int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) (i * 50 - 10_000);
        }
        return new AudioClip(pcm);
    }

    @Test
    void silenceLastsItsDuration() {
        byte[] pcmu = drain(new SilenceSource(Duration.ofMillis(100)), Codec.PCMU);
        assertEquals(5 * 160, pcmu.length);
        for (byte b : pcmu) {
            assertEquals(Codec.PCMU.silence(), b);
        }
        assertEquals(2 * 160, drain(new SilenceSource(Duration.ofMillis(30)), Codec.PCMA).length);
        assertEquals(0, drain(new SilenceSource(Duration.ZERO), Codec.PCMA).length);
    }

    @Test
    void clipSourceGivesTheCachedEncodingPaddedWithSilence() {
        AudioClip clip = ramp(400);
        byte[] played = drain(new ClipSource(clip), Codec.PCMA);
        assertEquals(480, played.length);
        assertArrayEquals(clip.encoded(Codec.PCMA), Arrays.copyOf(played, 400));
        for (int i = 400; i < 480; i++) {
            assertEquals(Codec.PCMA.silence(), played[i]);
        }
    }

    @Test
    void clipSourceKeepsItsPlaceWhenTheCodecChanges() {
        AudioClip clip = ramp(320);
        ClipSource source = new ClipSource(clip);
        byte[] frame = new byte[160];
        assertTrue(source.read(Codec.PCMU, frame));
        assertTrue(source.read(Codec.PCMA, frame));
        assertArrayEquals(Arrays.copyOfRange(clip.encoded(Codec.PCMA), 160, 320), frame);
        assertFalse(source.read(Codec.PCMA, frame));
    }

    @Test
    void exhaustedSourceLeavesFrameUntouched() {
        ClipSource source = new ClipSource(ramp(160));
        byte[] frame = new byte[160];
        assertTrue(source.read(Codec.PCMU, frame));
        byte[] before = frame.clone();
        assertFalse(source.read(Codec.PCMU, frame));
        assertArrayEquals(before, frame);
    }

    @Test
    void sequencePlaysEachSourceInOrder() {
        AudioClip first = ramp(160);
        AudioClip second = ramp(320);
        SequenceSource sequence = new SequenceSource(List.of(
                new ClipSource(first), new SilenceSource(Duration.ZERO),
                new SilenceSource(Duration.ofMillis(20)), new ClipSource(second)));
        byte[] played = drain(sequence, Codec.PCMU);
        assertEquals(160 * 4, played.length);
        assertArrayEquals(first.encoded(Codec.PCMU), Arrays.copyOfRange(played, 0, 160));
        assertEquals(Codec.PCMU.silence(), played[200]);
        assertArrayEquals(second.encoded(Codec.PCMU), Arrays.copyOfRange(played, 320, 640));
        assertFalse(sequence.read(Codec.PCMU, new byte[160]));
    }
}
