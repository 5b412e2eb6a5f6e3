package org.popline.media.dtmf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.popline.media.codec.Codec;
import org.popline.media.tts.FreeTtsSynthesizer;

class GoertzelDtmfDetectorTest {

    private static final String ALL_KEYS = "0123456789*#ABCD";

    private final Recorder recorder = new Recorder();
    private final GoertzelDtmfDetector detector = new GoertzelDtmfDetector(recorder);

    private static Tones keys(String keys, int toneMillis, int gapMillis) {
        Tones tones = new Tones().silence(gapMillis);
        for (char key : keys.toCharArray()) {
            tones.key(key, toneMillis).silence(gapMillis);
        }
        return tones;
    }

    private String detect(short[] pcm) {
        Tones.feed(detector, pcm);
        return recorder.digitString();
    }

    private static String detectFresh(short[] pcm) {
        Recorder fresh = new Recorder();
        Tones.feed(new GoertzelDtmfDetector(fresh), pcm);
        return fresh.digitString();
    }

    @Test
    void findsAllSixteenKeysOnceEach() {
        assertEquals(ALL_KEYS, detect(keys(ALL_KEYS, 80, 60).pcm()));
        assertEquals(ALL_KEYS, recorder.endString());
        assertTrue(recorder.digits.stream().allMatch(d -> d.source() == DtmfDigit.Source.INBAND));
    }

    @Test
    void deliversWhileTheToneSoundsAndReportsItsLengthAtTheEnd() {
        Tones.feed(detector, new Tones().silence(40).key('5', 100).pcm());
        assertEquals("5", recorder.digitString(), "delivered before the tone ends");
        assertTrue(recorder.ends.isEmpty());
        int atDelivery = recorder.digits.get(0).durationMillis();
        assertTrue(atDelivery >= 35 && atDelivery <= 45, "length at delivery " + atDelivery);

        Tones.feed(detector, new Tones().silence(60).pcm());
        int length = recorder.ends.get(0).durationMillis();
        assertTrue(Math.abs(length - 100) <= 5, "reported length " + length);
    }

    @Test
    void aLongToneIsOneDigit() {
        assertEquals("#", detect(keys("#", 2000, 50).noise(-30, 7).pcm()));
        int length = recorder.ends.get(0).durationMillis();
        assertTrue(Math.abs(length - 2000) <= 5, "reported length " + length);
    }

    /** Exactly 8 dB normal twist is left out: with column 1209 Hz, three keys read 1-2 dB more. */
    @ParameterizedTest
    @CsvSource({"4, true", "7, true", "-3, true", "-4, true", "10, false", "-7, false", "-10, false"})
    void twistIsLimitedToEightDbNormalAndFourDbReverse(double highOverLowDb, boolean detected) {
        Tones tones = new Tones().silence(50);
        for (char key : ALL_KEYS.toCharArray()) {
            tones.key(key, 100, -8, highOverLowDb).silence(60);
        }
        assertEquals(detected ? ALL_KEYS : "", detect(tones.pcm()));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void survivesWhiteNoiseAtTwentyDbSnr(long seed) {
        assertEquals(ALL_KEYS, detect(keys(ALL_KEYS, 60, 50).noise(-30, seed).pcm()));
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void survivesG711(Codec codec) {
        short[] pcm = keys(ALL_KEYS, 50, 50).noise(-40, 5).pcm();
        byte[] encoded = new byte[pcm.length];
        codec.encode(pcm, 0, encoded, 0, pcm.length);
        short[] decoded = new short[pcm.length];
        codec.decode(encoded, 0, decoded, 0, pcm.length);
        assertEquals(ALL_KEYS, detect(decoded));
    }

    @Test
    void tonesOfThirtyMillisecondsOrLessDoNotCount() {
        for (int millis : new int[] {20, 25, 30}) {
            for (int offset = 0; offset < 16; offset += 3) {
                Tones tones = new Tones().silenceSamples(offset);
                for (char key : ALL_KEYS.toCharArray()) {
                    tones.pairSamples(Tones.rowHz(key), Tones.amplitude(-10), Tones.columnHz(key),
                            Tones.amplitude(-10), Tones.samples(millis), offset).silence(60);
                }
                assertEquals("", detectFresh(tones.pcm()), millis + " ms tones, offset " + offset);
            }
        }
    }

    @Test
    void tonesOfFortyMillisecondsCount() {
        for (int offset = 0; offset < 16; offset += 3) {
            Tones tones = new Tones().silenceSamples(offset);
            for (char key : ALL_KEYS.toCharArray()) {
                tones.pairSamples(Tones.rowHz(key), Tones.amplitude(-10), Tones.columnHz(key),
                        Tones.amplitude(-10), Tones.samples(40), offset).silence(60);
            }
            assertEquals(ALL_KEYS, detectFresh(tones.pcm()), "offset " + offset);
        }
    }

    @Test
    void theSameKeyAgainNeedsAPauseBetween() {
        assertEquals("77", detectFresh(new Tones().key('7', 80).silence(50).key('7', 80).silence(50).pcm()));
        assertEquals("7", detectFresh(new Tones().key('7', 80).silence(10).key('7', 80).silence(50).pcm()),
                "a 10 ms drop-out is bridged");
    }

    @Test
    void anotherKeyCountsWithoutAPause() {
        assertEquals("12", detect(new Tones().key('1', 80).key('2', 80).silence(50).pcm()));
        assertEquals("12", recorder.endString());
    }

    @Test
    void levelMustReachAboutMinus36Dbm0() {
        assertEquals(ALL_KEYS, detectFresh(quietKeys(-30)));
        assertEquals("", detectFresh(quietKeys(-42)));
        assertEquals("", detectFresh(new short[8000]));
    }

    private static short[] quietKeys(double levelDb) {
        Tones tones = new Tones();
        for (char key : ALL_KEYS.toCharArray()) {
            tones.key(key, 80, levelDb, 0).silence(60);
        }
        return tones.pcm();
    }

    /** A vowel-like sound: every harmonic of f0 up to the telephone band, falling 6 dB an octave. */
    private static short[] voiced(double f0, int millis) {
        short[] pcm = new short[Tones.samples(millis)];
        for (int i = 0; i < pcm.length; i++) {
            double t = (double) i / Tones.RATE;
            double sample = 0;
            for (int harmonic = 1; harmonic * f0 < 3600; harmonic++) {
                sample += Tones.amplitude(-16) / harmonic * Math.sin(2 * Math.PI * harmonic * f0 * t + harmonic);
            }
            pcm[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sample));
        }
        return pcm;
    }

    @Test
    void voicedSoundIsNoKey() {
        for (double f0 = 90; f0 <= 260; f0 += 10) {
            assertEquals("", detectFresh(voiced(f0, 500)), "harmonics of " + f0 + " Hz");
        }
    }

    @Test
    void speechIsNoKey() {
        short[] speech = new FreeTtsSynthesizer().synthesize(
                "For sales press one. For support press two. To hear these options again, press star or pound. "
                + "Please enter your eight digit customer number, zero four seven nine three six five one.");
        assertTrue(speech.length > 8000 * 5, "speech samples " + speech.length);
        assertEquals("", detect(speech));
    }

    @Test
    void frameSizeDoesNotMatter() {
        short[] pcm = keys("159#", 60, 50).noise(-30, 11).pcm();
        for (int frame : new int[] {1, 80, 160, 240, 1000}) {
            Recorder fresh = new Recorder();
            GoertzelDtmfDetector chunked = new GoertzelDtmfDetector(fresh);
            for (int i = 0; i < pcm.length; i += frame) {
                chunked.onFrame(pcm, i, Math.min(frame, pcm.length - i));
            }
            assertEquals("159#", fresh.digitString(), frame + " samples a frame");
        }
        assertEquals("159#", detect(Arrays.copyOf(pcm, pcm.length)));
    }
}
