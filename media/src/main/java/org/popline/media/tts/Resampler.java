package org.popline.media.tts;

/**
 * Band-limited sample-rate conversion (windowed sinc). A low-pass at the lower of the
 * two Nyquist frequencies comes with it, so downsampling does not fold high
 * frequencies back into the telephone band as aliasing.
 */
final class Resampler {

    private static final int ZERO_CROSSINGS = 16;

    private Resampler() {
    }

    static short[] resample(short[] in, int fromRate, int toRate) {
        if (fromRate == toRate) {
            return in.clone();
        }
        double ratio = (double) toRate / fromRate;
        double cutoff = Math.min(1.0, ratio);
        double halfWidth = ZERO_CROSSINGS / cutoff;
        int outLength = (int) Math.floor(in.length * ratio);
        short[] out = new short[outLength];
        for (int i = 0; i < outLength; i++) {
            double centre = i / ratio;
            int first = Math.max(0, (int) Math.ceil(centre - halfWidth));
            int last = Math.min(in.length - 1, (int) Math.floor(centre + halfWidth));
            double sum = 0;
            for (int k = first; k <= last; k++) {
                double x = k - centre;
                sum += in[k] * cutoff * sinc(cutoff * x) * blackman(x / halfWidth);
            }
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sum)));
        }
        return out;
    }

    private static double sinc(double x) {
        return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    /** Window over [-1, 1]. */
    private static double blackman(double t) {
        double phase = Math.PI * (t + 1);
        return 0.42 - 0.5 * Math.cos(phase) + 0.08 * Math.cos(2 * phase);
    }
}
