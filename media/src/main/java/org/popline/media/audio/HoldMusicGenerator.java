package org.popline.media.audio;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Composes Popline's own music on hold, so the default installation needs no licensed
 * recording: eight bars of I-vi-IV-V in C at 64 beats a minute (exactly 30 s at 8 kHz),
 * a soft pad, a bass, a plucked arpeggio and, in the second half, a bell melody. Every
 * note is mixed into a {@link LoopMix}, so the piece loops without a seam; voices stay
 * within the telephone band and the peak is 6 dB below full scale.
 *
 * <p>The file {@code conf/audio/hold-music.wav} is this class's output. After changing
 * the music, regenerate it from the repository root with
 * <pre>
 * mvn -B -q -pl media compile &amp;&amp; java -cp media/target/classes org.popline.media.audio.HoldMusicGenerator conf/audio/hold-music.wav
 * </pre>
 * (a test checks that the committed file matches). Only {@link StrictMath} is used, so
 * every JVM renders the same samples.
 */
public final class HoldMusicGenerator {

    public static final int SAMPLE_RATE = AudioClip.SAMPLE_RATE;

    private static final Path DEFAULT_FILE = Path.of("conf", "audio", "hold-music.wav");
    private static final double PEAK_DBFS = -6;
    private static final int BEAT = SAMPLE_RATE * 60 / 64;
    private static final int BAR = 4 * BEAT;
    private static final int BARS = 8;
    private static final double BEAT_SECONDS = (double) BEAT / SAMPLE_RATE;

    private static final Instrument PAD = new Instrument(new double[] {1, 0.15, 0.1}, 0.8, Double.POSITIVE_INFINITY, 1.5, 0.8);
    private static final Instrument BASS = new Instrument(new double[] {0.3, 1, 0.6, 0.3}, 0.05, 3, 0.6, 0);
    private static final Instrument PLUCK = new Instrument(new double[] {1, 0.25, 0.08}, 0.005, 0.4, 0.3, 0);
    private static final Instrument BELL = new Instrument(new double[] {1, 0.3, 0.1}, 0.01, 0.9, 0.5, 0);

    /** MIDI note numbers, one row per bar's chord: C, Am, F, G. */
    private static final int[][] PAD_CHORDS = {{64, 67, 72}, {64, 69, 72}, {65, 69, 72}, {62, 67, 71}};
    private static final int[] BASS_ROOTS = {48, 57, 53, 55};
    private static final int[][] ARPEGGIO_TONES = {{67, 72, 76, 79}, {69, 72, 76, 81}, {69, 72, 77, 81}, {67, 71, 74, 79}};
    private static final int[] ARPEGGIO_PATTERN = {0, 1, 2, 3, 2, 1, 2, 1};
    /** Second half only: per bar, pairs of (MIDI note, beats). */
    private static final int[][] MELODY = {{76, 2, 79, 1, 76, 1}, {72, 2, 76, 1, 81, 1}, {81, 2, 79, 1, 77, 1}, {74, 2, 71, 1, 74, 1}};

    private HoldMusicGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path file = args.length > 0 ? Path.of(args[0]) : DEFAULT_FILE;
        short[] music = render();
        WavWriter.write(file, music, SAMPLE_RATE);
        System.out.printf("%s: %d samples, %.1f s at %d Hz%n", file, music.length, (double) music.length / SAMPLE_RATE,
                SAMPLE_RATE);
    }

    /** The piece as 8 kHz mono 16-bit samples; the same on every call. */
    public static short[] render() {
        LoopMix mix = new LoopMix(BARS * BAR);
        for (int bar = 0; bar < BARS; bar++) {
            int chord = bar % PAD_CHORDS.length;
            boolean secondHalf = bar >= BARS / 2;
            int start = bar * BAR;
            for (int note : PAD_CHORDS[chord]) {
                mix.add(start, PAD.play(pitch(note), 4 * BEAT_SECONDS, SAMPLE_RATE), 0.22);
            }
            mix.add(start, BASS.play(pitch(BASS_ROOTS[chord]), 2 * BEAT_SECONDS, SAMPLE_RATE), 0.3);
            mix.add(start + 2 * BEAT, BASS.play(pitch(BASS_ROOTS[chord]), 2 * BEAT_SECONDS, SAMPLE_RATE), 0.22);
            for (int step = 0; step < ARPEGGIO_PATTERN.length; step++) {
                int note = ARPEGGIO_TONES[chord][ARPEGGIO_PATTERN[step]];
                mix.add(start + step * BEAT / 2, PLUCK.play(pitch(note), BEAT_SECONDS / 2, SAMPLE_RATE),
                        secondHalf ? 0.18 : 0.3);
            }
            if (secondHalf) {
                int[] melody = MELODY[chord];
                int at = start;
                for (int i = 0; i < melody.length; i += 2) {
                    mix.add(at, BELL.play(pitch(melody[i]), melody[i + 1] * BEAT_SECONDS, SAMPLE_RATE), 0.35);
                    at += melody[i + 1] * BEAT;
                }
            }
        }
        return mix.toPcm(PEAK_DBFS);
    }

    private static double pitch(int midiNote) {
        return 440 * StrictMath.pow(2, (midiNote - 69) / 12.0);
    }
}
