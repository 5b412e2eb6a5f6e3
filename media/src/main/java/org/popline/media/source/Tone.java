package org.popline.media.source;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A call-progress style tone: one or more frequencies of equal level, steady or switched
 * on and off in a cadence.
 *
 * @param frequencies in Hz, each below the 4 kHz Nyquist frequency of 8 kHz audio
 * @param levelDbm0   the level of each frequency, in dBm0 (G.711's 0 dBm0 reference)
 * @param on          how long each burst lasts; ignored when {@code off} is zero
 * @param off         the pause between bursts; zero for a steady tone
 */
public record Tone(List<Double> frequencies, double levelDbm0, Duration on, Duration off) {

    /** 16-bit amplitude of the full-scale G.711 sine, which is +3.17 dBm0 (mu-law overload point). */
    private static final double FULL_SCALE_AMPLITUDE = 32_635;
    private static final double FULL_SCALE_DBM0 = 3.17;
    private static final double NYQUIST = AudioSource.SAMPLE_RATE / 2.0;

    public Tone {
        frequencies = List.copyOf(frequencies);
        if (frequencies.isEmpty()) {
            throw new IllegalArgumentException("a tone needs at least one frequency");
        }
        for (double frequency : frequencies) {
            if (!(frequency > 0 && frequency < NYQUIST)) {
                throw new IllegalArgumentException("tone frequency " + frequency + " Hz is not between 0 and "
                        + NYQUIST + " Hz");
            }
        }
        if (frequencies.size() * amplitudeOf(levelDbm0) > Short.MAX_VALUE) {
            throw new IllegalArgumentException(frequencies.size() + " frequencies at " + levelDbm0
                    + " dBm0 each would clip");
        }
        if (on.isNegative() || on.isZero() || off.isNegative()) {
            throw new IllegalArgumentException("tone cadence needs on > 0 and off >= 0: " + on + " on, " + off + " off");
        }
    }

    /** A steady tone. */
    public static Tone steady(double levelDbm0, double... frequencies) {
        return new Tone(Arrays.stream(frequencies).boxed().toList(), levelDbm0, Duration.ofSeconds(1), Duration.ZERO);
    }

    /** North American ringback (ANSI T1.401): 440 + 480 Hz at -19 dBm0, 2 s on, 4 s off. */
    public static Tone ringback() {
        return steady(-19, 440, 480).withCadence(Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    public Tone withCadence(Duration on, Duration off) {
        return new Tone(frequencies, levelDbm0, on, off);
    }

    public boolean isSteady() {
        return off.isZero();
    }

    /** Peak 16-bit amplitude of each frequency. */
    public double amplitude() {
        return amplitudeOf(levelDbm0);
    }

    private static double amplitudeOf(double levelDbm0) {
        return FULL_SCALE_AMPLITUDE * Math.pow(10, (levelDbm0 - FULL_SCALE_DBM0) / 20);
    }
}
