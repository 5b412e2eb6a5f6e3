package org.popline.media.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.popline.media.audio.TestWav.amplitudeAt;
import static org.popline.media.audio.TestWav.sine;

import org.junit.jupiter.api.Test;

class ResamplerTest {

    private static double gainDb(double frequency) {
        short[] out = Resampler.resample(sine(frequency, 16_000, 16_000, 10_000), 16_000, 8000);
        double folded = frequency > 4000 ? 8000 - frequency : frequency;
        return 20 * Math.log10(Math.max(amplitudeAt(out, folded, 8000), 1e-3) / 10_000);
    }

    @Test
    void sameRateIsACopy() {
        short[] in = {1, 2, 3};
        assertArrayEquals(in, Resampler.resample(in, 8000, 8000));
    }

    @Test
    void downsamplingKeepsTheTelephoneBandFlat() {
        for (double frequency : new double[] {300, 1000, 2000, 3000, 3400}) {
            assertEquals(0, gainDb(frequency), 0.2, frequency + " Hz");
        }
    }

    @Test
    void downsamplingRemovesWhatWouldAliasIntoTheTelephoneBand() {
        // Above 4 kHz a tone folds to 8 kHz minus itself; dropping samples would keep it at full level.
        for (double frequency : new double[] {4200, 4600, 5000, 6000, 7500}) {
            assertTrue(gainDb(frequency) < -60, frequency + " Hz leaks at " + gainDb(frequency) + " dB");
        }
    }

    @Test
    void outputLengthFollowsTheRateRatio() {
        assertEquals(8000, Resampler.resample(new short[16_000], 16_000, 8000).length);
        assertEquals(8000, Resampler.resample(new short[44_100], 44_100, 8000).length);
        assertEquals(4000, Resampler.resample(new short[2000], 4000, 8000).length);
    }

    @Test
    void otherRatiosKeepTheTone() {
        short[] up = Resampler.resample(sine(440, 8000, 8000, 8000), 8000, 16_000);
        assertEquals(8000, amplitudeAt(up, 440, 16_000), 100);
        short[] cd = Resampler.resample(sine(1000, 44_100, 44_100, 8000), 44_100, 8000);
        assertEquals(8000, amplitudeAt(cd, 1000, 8000), 100);
    }
}
