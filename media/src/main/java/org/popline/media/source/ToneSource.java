package org.popline.media.source;

import java.time.Duration;
import java.util.Arrays;
import org.popline.media.codec.Codec;

/**
 * Plays a {@link Tone}, for a given time or without end.
 *
 * <p>Unlike clips, a tone is generated frame by frame on the clock thread, since an
 * endless tone of arbitrary frequencies has no short period to pre-encode. Each
 * frequency is a phasor turned by a fixed rotation per sample: a few multiplications
 * instead of a sine, and the phase runs on unbroken from frame to frame. Bursts fade in
 * and out over a few milliseconds, because switching a sine on mid-wave clicks.
 */
public final class ToneSource implements AudioSource {

    private static final int RAMP_SAMPLES = 40;

    private final double amplitude;
    private final double[] stepCos;
    private final double[] stepSin;
    private final double[] cos;
    private final double[] sin;
    private final long onSamples;
    private final long cycleSamples;
    private final boolean endless;
    private long remainingSamples;
    private long cyclePosition;
    private short[] pcm = new short[0];

    /** A tone without end. */
    public ToneSource(Tone tone) {
        this(tone, true, 0);
    }

    /** A tone that stops after {@code duration}. */
    public ToneSource(Tone tone, Duration duration) {
        this(tone, false, samples(duration));
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative tone duration: " + duration);
        }
    }

    private ToneSource(Tone tone, boolean endless, long durationSamples) {
        int count = tone.frequencies().size();
        this.amplitude = tone.amplitude();
        this.stepCos = new double[count];
        this.stepSin = new double[count];
        this.cos = new double[count];
        this.sin = new double[count];
        for (int i = 0; i < count; i++) {
            double step = 2 * Math.PI * tone.frequencies().get(i) / SAMPLE_RATE;
            stepCos[i] = Math.cos(step);
            stepSin[i] = Math.sin(step);
            cos[i] = 1;
        }
        this.onSamples = tone.isSteady() ? Long.MAX_VALUE : samples(tone.on());
        this.cycleSamples = tone.isSteady() ? Long.MAX_VALUE : onSamples + samples(tone.off());
        this.endless = endless;
        this.remainingSamples = durationSamples;
    }

    @Override
    public boolean read(Codec codec, byte[] frame) {
        if (!endless && remainingSamples <= 0) {
            return false;
        }
        if (pcm.length != frame.length) {
            pcm = new short[frame.length];
        }
        int count = endless ? frame.length : (int) Math.min(frame.length, remainingSamples);
        for (int n = 0; n < count; n++) {
            pcm[n] = (short) Math.round(amplitude * envelope() * nextSum());
            cyclePosition = cyclePosition + 1 == cycleSamples ? 0 : cyclePosition + 1;
        }
        codec.encode(pcm, 0, frame, 0, count);
        Arrays.fill(frame, count, frame.length, codec.silence());
        remainingSamples -= count;
        renormalise();
        return true;
    }

    /** Sum of the phasors' sines at the current sample, then turns each one sample on. */
    private double nextSum() {
        double sum = 0;
        for (int i = 0; i < cos.length; i++) {
            sum += sin[i];
            double c = cos[i] * stepCos[i] - sin[i] * stepSin[i];
            sin[i] = sin[i] * stepCos[i] + cos[i] * stepSin[i];
            cos[i] = c;
        }
        return sum;
    }

    private double envelope() {
        if (cyclePosition >= onSamples) {
            return 0;
        }
        if (onSamples == Long.MAX_VALUE) {
            return 1;
        }
        long edge = Math.min(cyclePosition, onSamples - 1 - cyclePosition);
        if (edge >= RAMP_SAMPLES) {
            return 1;
        }
        return 0.5 - 0.5 * Math.cos(Math.PI * edge / RAMP_SAMPLES);
    }

    /** Rounding in the rotation slowly changes a phasor's length; setting it back to 1 keeps the level. */
    private void renormalise() {
        for (int i = 0; i < cos.length; i++) {
            double length = Math.hypot(cos[i], sin[i]);
            cos[i] /= length;
            sin[i] /= length;
        }
    }

    private static long samples(Duration duration) {
        return duration.toNanos() * SAMPLE_RATE / 1_000_000_000L;
    }
}
