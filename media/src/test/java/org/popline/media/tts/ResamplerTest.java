package org.popline.media.tts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResamplerTest {

    private static short[] sine(double frequency, int rate, int samples, double amplitude) {
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * frequency * i / rate));
        }
        return out;
    }

    /** Amplitude of {@code frequency} in the middle of the signal (edges have filter transients). */
    private static double amplitudeAt(short[] signal, double frequency, int rate) {
        double re = 0;
        double im = 0;
        int from = signal.length / 4;
        int to = 3 * signal.length / 4;
        for (int i = from; i < to; i++) {
            double phase = 2 * Math.PI * frequency * i / rate;
            re += signal[i] * Math.cos(phase);
            im += signal[i] * Math.sin(phase);
        }
        return 2 * Math.hypot(re, im) / (to - from);
    }

    @Test
    void sameRateIsACopy() {
        short[] in = {1, 2, 3};
        assertArrayEquals(in, Resampler.resample(in, 8000, 8000));
    }

    @Test
    void downsamplingKeepsTelephoneBandTonesAndRemovesWhatWouldAlias() {
        short[] tone = sine(1000, 16_000, 16_000, 10_000);
        short[] out = Resampler.resample(tone, 16_000, 8000);
        assertEquals(8000, out.length);
        assertEquals(10_000, amplitudeAt(out, 1000, 8000), 300);

        // 6 kHz would fold to 2 kHz at 8 kHz sampling if not filtered out first.
        short[] high = sine(6000, 16_000, 16_000, 10_000);
        short[] filtered = Resampler.resample(high, 16_000, 8000);
        assertTrue(amplitudeAt(filtered, 2000, 8000) < 100, "aliased energy left");
    }

    @Test
    void upsamplingKeepsTheTone() {
        short[] out = Resampler.resample(sine(440, 8000, 8000, 8000), 8000, 16_000);
        assertEquals(16_000, out.length);
        assertEquals(8000, amplitudeAt(out, 440, 16_000), 300);
    }
}
