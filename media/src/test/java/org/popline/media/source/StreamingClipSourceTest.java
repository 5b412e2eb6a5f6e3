package org.popline.media.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.popline.media.audio.GrowingClip;
import org.popline.media.codec.Codec;

class StreamingClipSourceTest {

    private final GrowingClip clip = new GrowingClip();
    private final LongAdder underruns = new LongAdder();
    private final StreamingClipSource source = new StreamingClipSource(clip, 320, underruns);
    private final byte[] frame = new byte[160];

    @Test
    void waitsWithSilenceUntilTheLeadIsThere() {
        clip.append(ramp(0, 200), 0, 200);
        assertTrue(source.read(Codec.PCMU, frame));
        assertSilence(frame);
        assertTrue(source.waiting(), "200 samples are less than the lead");
        assertEquals(0, underruns.sum(), "waiting for the lead is no underrun");

        clip.append(ramp(200, 200), 0, 200);
        assertTrue(source.read(Codec.PCMU, frame));
        assertFalse(source.waiting());
        assertArrayEquals(encoded(0, 160), frame, "plays from the clip's start");
    }

    @Test
    void anUnderrunSendsSilenceIsCountedAndLosesNoAudio() {
        clip.append(ramp(0, 400), 0, 400);
        source.read(Codec.PCMU, frame);
        source.read(Codec.PCMU, frame);
        assertArrayEquals(encoded(160, 160), frame);

        assertTrue(source.read(Codec.PCMU, frame), "80 samples left of an unfinished clip: the stream goes on");
        assertSilence(frame);
        assertEquals(1, underruns.sum());

        clip.append(ramp(400, 200), 0, 200);
        assertTrue(source.read(Codec.PCMU, frame));
        assertArrayEquals(encoded(320, 160), frame, "resumes where it stopped");
        assertEquals(1, underruns.sum());
    }

    @Test
    void aFinishedClipPlaysItsLastPartialFrameThenEnds() {
        clip.append(ramp(0, 200), 0, 200);
        clip.finish();
        assertTrue(source.read(Codec.PCMA, frame), "a finished clip shorter than the lead plays at once");
        assertTrue(source.read(Codec.PCMA, frame));
        byte[] tail = Arrays.copyOf(encoded(Codec.PCMA, 160, 40), 160);
        Arrays.fill(tail, 40, 160, Codec.PCMA.silence());
        assertArrayEquals(tail, frame);
        assertFalse(source.read(Codec.PCMA, frame));
        assertEquals(0, underruns.sum());
    }

    @Test
    void aFailedClipFailsItsReaders() {
        clip.append(ramp(0, 400), 0, 400);
        source.read(Codec.PCMU, frame);
        clip.fail(new IllegalStateException("voice broke"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> source.read(Codec.PCMU, frame));
        assertTrue(e.getMessage().contains("voice broke"), e.getMessage());
        assertTrue(clip.done().isCompletedExceptionally());
    }

    private static short[] ramp(int from, int count) {
        short[] samples = new short[count];
        for (int i = 0; i < count; i++) {
            samples[i] = (short) ((from + i) * 37 % 20000 - 10000);
        }
        return samples;
    }

    private static byte[] encoded(int from, int count) {
        return encoded(Codec.PCMU, from, count);
    }

    private static byte[] encoded(Codec codec, int from, int count) {
        byte[] out = new byte[count];
        codec.encode(ramp(from, count), 0, out, 0, count);
        return out;
    }

    private static void assertSilence(byte[] frame) {
        for (byte b : frame) {
            assertEquals(Codec.PCMU.silence(), b);
        }
    }
}
