package org.popline.media.dtmf;

import java.util.Arrays;
import java.util.Random;

/** Builds 8 kHz test audio: DTMF pairs, silence, noise. */
final class Tones {

    static final int RATE = 8000;
    private static final String KEYS = "123A456B789C*0#D";
    private static final double[] ROW_HZ = {697, 770, 852, 941};
    private static final double[] COLUMN_HZ = {1209, 1336, 1477, 1633};

    private double[] samples = new double[0];
    private int length;

    static int samples(int millis) {
        return millis * RATE / 1000;
    }

    static double rowHz(char key) {
        return ROW_HZ[KEYS.indexOf(key) / 4];
    }

    static double columnHz(char key) {
        return COLUMN_HZ[KEYS.indexOf(key) % 4];
    }

    /** A key at the given level per tone (dB below full scale); twistDb > 0 makes the high tone louder. */
    Tones key(char key, int millis, double levelDb, double twistDb) {
        double low = amplitude(levelDb - Math.max(0, twistDb));
        double high = amplitude(levelDb - Math.max(0, -twistDb));
        return pair(rowHz(key), low, columnHz(key), high, millis);
    }

    Tones key(char key, int millis) {
        return key(key, millis, -10, 0);
    }

    Tones pair(double lowHz, double lowAmplitude, double highHz, double highAmplitude, int millis) {
        return pairSamples(lowHz, lowAmplitude, highHz, highAmplitude, samples(millis), 1.0);
    }

    /** Two tones starting at the given phase difference, which moves where their sum peaks. */
    Tones pairSamples(double lowHz, double lowAmplitude, double highHz, double highAmplitude, int n, double phase) {
        int start = grow(n);
        for (int i = 0; i < n; i++) {
            double t = (double) i / RATE;
            samples[start + i] += lowAmplitude * Math.sin(2 * Math.PI * lowHz * t)
                    + highAmplitude * Math.sin(2 * Math.PI * highHz * t + phase);
        }
        return this;
    }

    Tones silence(int millis) {
        grow(samples(millis));
        return this;
    }

    Tones silenceSamples(int n) {
        grow(n);
        return this;
    }

    /** Adds white noise over everything so far, at the given RMS level (dB below full scale). */
    Tones noise(double levelDb, long seed) {
        Random random = new Random(seed);
        double rms = 32767 * Math.pow(10, levelDb / 20);
        for (int i = 0; i < length; i++) {
            samples[i] += random.nextGaussian() * rms;
        }
        return this;
    }

    short[] pcm() {
        short[] out = new short[length];
        for (int i = 0; i < length; i++) {
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(samples[i])));
        }
        return out;
    }

    /** Feeds the audio in 20 ms frames, as the receive path will. */
    static void feed(GoertzelDtmfDetector detector, short[] pcm) {
        for (int i = 0; i < pcm.length; i += 160) {
            detector.onFrame(Arrays.copyOfRange(pcm, i, Math.min(pcm.length, i + 160)));
        }
    }

    static double amplitude(double levelDb) {
        return 32767 * Math.pow(10, levelDb / 20);
    }

    private int grow(int n) {
        int start = length;
        length += n;
        if (length > samples.length) {
            samples = Arrays.copyOf(samples, Math.max(length, samples.length * 2));
        }
        return start;
    }
}
