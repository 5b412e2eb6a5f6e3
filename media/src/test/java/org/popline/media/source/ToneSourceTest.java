package org.popline.media.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.popline.media.codec.Codec;

class ToneSourceTest {

    private static short[] play(AudioSource source, Codec codec, int frames) {
        short[] out = new short[frames * 160];
        byte[] frame = new byte[160];
        for (int i = 0; i < frames; i++) {
            assertTrue(source.read(codec, frame), "frame " + i);
            codec.decode(frame, 0, out, i * 160, 160);
        }
        return out;
    }

    private static double amplitudeAt(short[] signal, int from, int to, double frequency) {
        double re = 0;
        double im = 0;
        for (int i = from; i < to; i++) {
            double phase = 2 * Math.PI * frequency * i / 8000;
            re += signal[i] * Math.cos(phase);
            im += signal[i] * Math.sin(phase);
        }
        return 2 * Math.hypot(re, im) / (to - from);
    }

    @Test
    void levelInDbm0FollowsG711() {
        // 0 dBm0 is 3.17 dB below the mu-law full-scale sine.
        assertEquals(32_635 / Math.pow(10, 3.17 / 20), Tone.steady(0, 1000).amplitude(), 1e-6);
        short[] played = play(new ToneSource(Tone.steady(-10, 1000)), Codec.PCMU, 50);
        assertEquals(Tone.steady(-10, 1000).amplitude(), amplitudeAt(played, 0, played.length, 1000),
                0.02 * Tone.steady(-10, 1000).amplitude());
    }

    @Test
    void dualToneHasBothFrequenciesAtTheLevelAndPhaseRunsOnAcrossFrames() {
        Tone tone = Tone.steady(-13, 350, 440);
        short[] played = play(new ToneSource(tone), Codec.PCMA, 400);
        double amplitude = tone.amplitude();
        for (int n = 0; n < played.length; n++) {
            double ideal = amplitude * (Math.sin(2 * Math.PI * 350 * n / 8000) + Math.sin(2 * Math.PI * 440 * n / 8000));
            // A-law's quantising step is at most 1/16 of the value (plus the smallest step near zero).
            assertEquals(ideal, played[n], Math.abs(ideal) / 16 + 32, "sample " + n);
        }
    }

    @Test
    void ringbackIsTwoSecondsOnFourOffWithSoftEdges() {
        short[] played = play(new ToneSource(Tone.ringback()), Codec.PCMU, 400);
        assertEquals(Tone.ringback().amplitude(), amplitudeAt(played, 100, 15_900, 440), 60);
        assertEquals(Tone.ringback().amplitude(), amplitudeAt(played, 100, 15_900, 480), 60);
        for (int n = 16_000; n < 48_000; n++) {
            assertEquals(0, played[n], "sample " + n + " in the pause");
        }
        assertTrue(amplitudeAt(played, 48_100, 64_000, 440) > 0.9 * Tone.ringback().amplitude());
        // The burst fades in: its first samples stay far below the tone's peak, where a hard start would not.
        double peak = 2 * Tone.ringback().amplitude();
        for (int n = 48_000; n < 48_005; n++) {
            assertTrue(Math.abs(played[n]) < 0.1 * peak, "sample " + n + " = " + played[n]);
        }
    }

    @Test
    void aTimedToneEndsWithAPaddedFrame() {
        ToneSource tone = new ToneSource(Tone.steady(-10, 1000), Duration.ofMillis(50));
        short[] played = play(tone, Codec.PCMU, 3);
        for (int n = 400; n < 480; n++) {
            assertEquals(0, played[n]);
        }
        assertTrue(amplitudeAt(played, 320, 400, 1000) > 0.9 * Tone.steady(-10, 1000).amplitude());
        assertFalse(tone.read(Codec.PCMU, new byte[160]));
    }

    @Test
    void refusesTonesItCannotPlay() {
        assertThrows(IllegalArgumentException.class, () -> Tone.steady(-10));
        assertThrows(IllegalArgumentException.class, () -> Tone.steady(-10, 4000));
        assertThrows(IllegalArgumentException.class, () -> Tone.steady(-10, 0));
        assertThrows(IllegalArgumentException.class, () -> Tone.steady(3, 440, 480));
        assertThrows(IllegalArgumentException.class,
                () -> Tone.steady(-10, 440).withCadence(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class,
                () -> new ToneSource(Tone.steady(-10, 440), Duration.ofMillis(-1)));
    }
}
