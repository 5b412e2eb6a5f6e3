package org.popline.media.audio;

/**
 * A mixing buffer whose end joins its start: whatever sounds past the end (a release
 * tail, a long note) carries on from sample 0. The result is periodic by construction,
 * so played in a loop it has no seam to hear.
 */
final class LoopMix {

    private final double[] mix;

    LoopMix(int samples) {
        this.mix = new double[samples];
    }

    void add(int start, double[] sound, double gain) {
        for (int n = 0; n < sound.length; n++) {
            mix[Math.floorMod(start + n, mix.length)] += gain * sound[n];
        }
    }

    /** 16-bit samples scaled so the loudest is {@code peakDbfs} (negative) below full scale. */
    short[] toPcm(double peakDbfs) {
        double peak = 0;
        for (double sample : mix) {
            peak = Math.max(peak, Math.abs(sample));
        }
        double scale = peak == 0 ? 0 : Short.MAX_VALUE * StrictMath.pow(10, peakDbfs / 20) / peak;
        short[] pcm = new short[mix.length];
        for (int n = 0; n < mix.length; n++) {
            pcm[n] = (short) Math.round(mix[n] * scale);
        }
        return pcm;
    }
}
