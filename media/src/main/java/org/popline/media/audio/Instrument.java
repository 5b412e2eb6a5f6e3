package org.popline.media.audio;

/**
 * A soft additive-synthesis voice for generated music: a few harmonics under an
 * envelope. Only sines are summed, and harmonics above the telephone band are left out,
 * so nothing aliases at 8 kHz and nothing sounds harsh through a phone.
 *
 * @param harmonics amplitude of the 1st, 2nd, 3rd... harmonic
 * @param attack    seconds to rise from silence (a raised cosine, so the onset does not click)
 * @param decay     time constant in seconds of the exponential decay, infinite to sustain;
 *                  the n-th harmonic decays n times as fast, as in a plucked or struck string
 * @param release   seconds to fall back to silence after the note's length
 * @param detune    Hz between two slightly detuned copies of each note (a gentle chorus), 0 for one copy
 */
record Instrument(double[] harmonics, double attack, double decay, double release, double detune) {

    private static final double HIGHEST_PARTIAL = 3400;

    /** The note's samples: its length plus the release, starting and ending at silence. */
    double[] play(double frequency, double seconds, int sampleRate) {
        int held = (int) Math.round(seconds * sampleRate);
        double[] out = new double[held + (int) Math.round(release * sampleRate)];
        double[] copies = detune == 0 ? new double[] {frequency} : new double[] {frequency - detune / 2, frequency + detune / 2};
        for (int n = 0; n < out.length; n++) {
            double t = (double) n / sampleRate;
            double envelope = rise(t) * fall(n, held, out.length);
            double sum = 0;
            for (int h = 1; h <= harmonics.length; h++) {
                if (h * frequency > HIGHEST_PARTIAL) {
                    break;
                }
                double partial = harmonics[h - 1] * StrictMath.exp(-t * h / decay);
                for (double copy : copies) {
                    sum += partial * StrictMath.sin(2 * Math.PI * h * copy * t);
                }
            }
            out[n] = envelope * sum / copies.length;
        }
        return out;
    }

    private double rise(double t) {
        return t >= attack ? 1 : 0.5 - 0.5 * StrictMath.cos(Math.PI * t / attack);
    }

    private static double fall(int n, int held, int total) {
        if (n < held) {
            return 1;
        }
        return 0.5 + 0.5 * StrictMath.cos(Math.PI * (n - held) / (total - held));
    }
}
