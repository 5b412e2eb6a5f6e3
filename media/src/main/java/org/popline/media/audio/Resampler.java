package org.popline.media.audio;

/**
 * Band-limited sample-rate conversion: a windowed-sinc FIR low-pass, applied in
 * polyphase form. The cutoff sits a little below the lower of the two Nyquist
 * frequencies so that the filter's transition band ends before Nyquist: downsampling
 * 16 kHz to 8 kHz keeps the telephone band (up to 3.4 kHz) flat and removes what would
 * otherwise fold back into it as aliasing, instead of merely dropping every other sample.
 */
public final class Resampler {

    /** Filter half-length in zero crossings of the sinc; sets the transition width (about 0.1 of Nyquist). */
    private static final int ZERO_CROSSINGS = 32;
    /** Cutoff as a fraction of the lower Nyquist frequency: 3.7 kHz when the output is 8 kHz. */
    private static final double CUTOFF = 0.925;

    private Resampler() {
    }

    public static short[] resample(short[] in, int fromRate, int toRate) {
        if (fromRate <= 0 || toRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + fromRate + " -> " + toRate);
        }
        if (fromRate == toRate) {
            return in.clone();
        }
        int gcd = gcd(fromRate, toRate);
        int up = toRate / gcd;
        int down = fromRate / gcd;
        double[][] phases = kernel(up, down);
        int reach = phases[0].length / 2;
        short[] out = new short[(int) ((long) in.length * up / down)];
        for (int i = 0; i < out.length; i++) {
            long position = (long) i * down;
            int centre = (int) (position / up);
            double[] taps = phases[(int) (position % up)];
            int first = Math.max(0, reach - centre);
            int last = Math.min(taps.length, in.length - centre + reach);
            double sum = 0;
            for (int t = first; t < last; t++) {
                sum += in[centre - reach + t] * taps[t];
            }
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sum)));
        }
        return out;
    }

    /**
     * One set of taps per fractional output position, all computed up front: a rational
     * rate ratio up/down repeats the same {@code up} fractions, and building them once
     * spares a sine per tap per output sample.
     */
    private static double[][] kernel(int up, int down) {
        double cutoff = CUTOFF * Math.min(1.0, (double) up / down);
        double halfWidth = ZERO_CROSSINGS / cutoff;
        int reach = (int) Math.ceil(halfWidth);
        double[][] phases = new double[up][2 * reach + 1];
        for (int phase = 0; phase < up; phase++) {
            double fraction = (double) phase / up;
            double[] taps = phases[phase];
            double gain = 0;
            for (int t = 0; t < taps.length; t++) {
                double x = t - reach - fraction;
                taps[t] = Math.abs(x) >= halfWidth ? 0 : sinc(cutoff * x) * blackman(x / halfWidth);
                gain += taps[t];
            }
            // Unity gain at DC for every phase, so no phase-dependent ripple shows up as a tone.
            for (int t = 0; t < taps.length; t++) {
                taps[t] /= gain;
            }
        }
        return phases;
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    /** Window over [-1, 1]; its side lobes (-58 dB) bound how much leaks through the stop band. */
    private static double blackman(double t) {
        double phase = Math.PI * (t + 1);
        return 0.42 - 0.5 * Math.cos(phase) + 0.08 * Math.cos(2 * phase);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
