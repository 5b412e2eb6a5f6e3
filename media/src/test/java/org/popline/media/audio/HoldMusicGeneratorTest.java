package org.popline.media.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.popline.media.codec.Codec;
import org.popline.media.source.LoopSource;

class HoldMusicGeneratorTest {

    private static final double FULL_SCALE = 32_768;

    private static short[] music;

    @BeforeAll
    static void render() {
        music = HoldMusicGenerator.render();
    }

    private static Path committedFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve("conf/audio/hold-music.wav");
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        throw new IllegalStateException("no conf/audio/hold-music.wav above " + Path.of("").toAbsolutePath());
    }

    private static double meanSquare(short[] pcm) {
        double sum = 0;
        for (short sample : pcm) {
            sum += (double) sample * sample;
        }
        return sum / pcm.length;
    }

    @Test
    void isDeterministic() {
        assertArrayEquals(music, HoldMusicGenerator.render());
    }

    @Test
    void isThirtySecondsPeakingAtMinusSixDbfs() {
        assertEquals(30 * 8000, music.length);
        int peak = 0;
        for (short sample : music) {
            peak = Math.max(peak, Math.abs(sample));
        }
        assertEquals(-6, 20 * Math.log10(peak / FULL_SCALE), 0.1);
    }

    @Test
    void staysMostlyInTheTelephoneBand() {
        // The resampler is a sharp low-pass: what survives a resample to 600 Hz is what lies below 300 Hz.
        double below300 = meanSquare(Resampler.resample(music, 8000, 600));
        assertTrue(below300 < 0.15 * meanSquare(music), "share below 300 Hz: " + below300 / meanSquare(music));
    }

    @Test
    void theCommittedFileIsTheGeneratorsOutput() throws IOException {
        assertArrayEquals(music, WavFile.load(committedFile()).pcm(),
                "conf/audio/hold-music.wav is stale; regenerate it as HoldMusicGenerator's comment says");
    }

    @Test
    void loopsWithoutAClick() throws IOException {
        short[] pcm = WavFile.load(committedFile()).pcm();
        int last = pcm.length - 1;
        int maxStep = 0;
        for (int n = 1; n < pcm.length; n++) {
            maxStep = Math.max(maxStep, Math.abs(pcm[n] - pcm[n - 1]));
        }
        assertTrue(Math.abs(pcm[0] - pcm[last]) <= maxStep, "the wrap is a bigger step than any inside the piece");
        // Music moves fast at 8 kHz, so a click is a break in the trend, not a big step: the first
        // sample must continue the line through the last two.
        int predicted = 2 * pcm[last] - pcm[last - 1];
        assertTrue(Math.abs(pcm[0] - predicted) < 0.05 * FULL_SCALE,
                "wrap from " + pcm[last - 1] + ", " + pcm[last] + " to " + pcm[0]);
    }

    @Test
    void playsSeamlesslyThroughALoopSource() throws IOException {
        AudioClip clip = WavFile.load(committedFile());
        LoopSource loop = new LoopSource(clip);
        byte[] frame = new byte[160];
        int frames = clip.sampleCount() / 160 + 2;
        byte[] played = new byte[frames * 160];
        for (int i = 0; i < frames; i++) {
            loop.read(Codec.PCMU, frame);
            System.arraycopy(frame, 0, played, i * 160, 160);
        }
        byte[] encoded = clip.encoded(Codec.PCMU);
        for (int n = 0; n < played.length; n++) {
            assertEquals(encoded[n % encoded.length], played[n], "sample " + n);
        }
    }
}
