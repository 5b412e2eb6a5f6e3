package org.popline.media.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

/**
 * Checks every input against Java Sound's G.711 converters, an implementation
 * independent of ours.
 *
 * <p>Java Sound descends from the 16-bit Sun g711.c and departs from the ITU-T G.191
 * reference software, which we follow, in three places. The tests pin each one down
 * exactly, so any other difference fails:
 * <ul>
 *   <li>mu-law, |x| > 32635: Java Sound does not clip, the biased magnitude overflows
 *       the top segment and yields nonsense (32764 encodes as 0xFF, i.e. silence).
 *       We clip, as G.711 requires.</li>
 *   <li>Negative inputs: G.191 quantises the one's complement (-x-1), making the
 *       quantiser symmetric around -0.5 LSB; Java Sound uses -x (mu-law) and -x-8
 *       (A-law), which moves each negative decision threshold by 1 or 7 input units.
 *       So there Java Sound(x) equals ours at x-1 (mu-law) or x+7 (A-law).</li>
 *   <li>A-law -7..-1: the -x-8 above goes negative, and Java Sound returns 0x5A, which
 *       decodes to -248. We return 0x55 (-8), the nearest level.</li>
 * </ul>
 * Decoding agrees everywhere.
 */
class G711Test {

    private static final AudioFormat PCM16 = new AudioFormat(8000f, 16, 1, true, true);

    @Test
    void ulawEncodingMatchesJavaSoundForEveryInputApartFromDocumentedEdges() throws IOException {
        byte[] reference = javaSoundEncodeAll(AudioFormat.Encoding.ULAW);
        int identical = 0;
        for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
            byte ours = G711.linearToUlaw((short) x);
            byte theirs = reference[x - Short.MIN_VALUE];
            if (Math.abs(x) > 32635) {
                assertEquals(x > 0 ? (byte) 0x80 : (byte) 0x00, ours, "clipped " + x);
            } else if (x < 0 && ours != theirs) {
                assertEquals(theirs, G711.linearToUlaw((short) (x - 1)), "negative threshold at " + x);
            } else {
                assertEquals(theirs, ours, "input " + x);
                identical++;
            }
        }
        assertEquals(65_144, identical);
    }

    @Test
    void alawEncodingMatchesJavaSoundForEveryInputApartFromDocumentedEdges() throws IOException {
        byte[] reference = javaSoundEncodeAll(AudioFormat.Encoding.ALAW);
        int identical = 0;
        for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
            byte ours = G711.linearToAlaw((short) x);
            byte theirs = reference[x - Short.MIN_VALUE];
            if (x >= -7 && x <= -1) {
                assertEquals((byte) 0x5A, theirs, "Java Sound's small-negative quirk at " + x);
                assertEquals((byte) 0x55, ours, "input " + x);
            } else if (x < 0 && ours != theirs) {
                assertEquals(theirs, G711.linearToAlaw((short) (x + 7)), "negative threshold at " + x);
            } else {
                assertEquals(theirs, ours, "input " + x);
                identical++;
            }
        }
        assertEquals(64_640, identical);
    }

    @Test
    void decodingMatchesJavaSoundForEveryCode() throws IOException {
        short[] ulaw = javaSoundDecodeAll(AudioFormat.Encoding.ULAW);
        short[] alaw = javaSoundDecodeAll(AudioFormat.Encoding.ALAW);
        for (int code = 0; code < 256; code++) {
            assertEquals(ulaw[code], G711.ulawToLinear((byte) code), "mu-law code " + code);
            assertEquals(alaw[code], G711.alawToLinear((byte) code), "A-law code " + code);
        }
    }

    @Test
    void knownReferenceValues() {
        assertEquals((byte) 0xFF, G711.linearToUlaw((short) 0));
        assertEquals((byte) 0x7F, G711.linearToUlaw((short) -1));
        assertEquals((byte) 0x80, G711.linearToUlaw(Short.MAX_VALUE));
        assertEquals((byte) 0x00, G711.linearToUlaw(Short.MIN_VALUE));
        assertEquals(-32124, G711.ulawToLinear((byte) 0x00));
        assertEquals(32124, G711.ulawToLinear((byte) 0x80));
        assertEquals(0, G711.ulawToLinear((byte) 0xFF));
        assertEquals(0, G711.ulawToLinear((byte) 0x7F));

        assertEquals((byte) 0xD5, G711.linearToAlaw((short) 0));
        assertEquals((byte) 0x55, G711.linearToAlaw((short) -1));
        assertEquals((byte) 0xAA, G711.linearToAlaw(Short.MAX_VALUE));
        assertEquals((byte) 0x2A, G711.linearToAlaw(Short.MIN_VALUE));
        assertEquals(8, G711.alawToLinear((byte) 0xD5));
        assertEquals(-8, G711.alawToLinear((byte) 0x55));
        assertEquals(32256, G711.alawToLinear((byte) 0xAA));
        assertEquals(-32256, G711.alawToLinear((byte) 0x2A));
    }

    @Test
    void everyCodeSurvivesDecodeThenEncode() {
        for (int code = 0; code < 256; code++) {
            byte b = (byte) code;
            byte expectedUlaw = code == 0x7F ? (byte) 0xFF : b; // 0x7F is "negative zero"
            assertEquals(expectedUlaw, G711.linearToUlaw(G711.ulawToLinear(b)), "mu-law code " + code);
            assertEquals(b, G711.linearToAlaw(G711.alawToLinear(b)), "A-law code " + code);
        }
    }

    @Test
    void encodingIsMonotonic() {
        short previousUlaw = Short.MIN_VALUE;
        short previousAlaw = Short.MIN_VALUE;
        for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
            short ulaw = G711.ulawToLinear(G711.linearToUlaw((short) x));
            short alaw = G711.alawToLinear(G711.linearToAlaw((short) x));
            assertEquals(true, ulaw >= previousUlaw && alaw >= previousAlaw, "monotonic at " + x);
            previousUlaw = ulaw;
            previousAlaw = alaw;
        }
    }

    private static byte[] javaSoundEncodeAll(AudioFormat.Encoding encoding) throws IOException {
        byte[] pcm = new byte[2 * 65536];
        for (int i = 0; i < 65536; i++) {
            short sample = (short) (i + Short.MIN_VALUE);
            pcm[2 * i] = (byte) (sample >> 8);
            pcm[2 * i + 1] = (byte) sample;
        }
        AudioInputStream source = new AudioInputStream(new ByteArrayInputStream(pcm), PCM16, 65536);
        byte[] encoded = AudioSystem.getAudioInputStream(encoding, source).readAllBytes();
        assertEquals(65536, encoded.length);
        return encoded;
    }

    private static short[] javaSoundDecodeAll(AudioFormat.Encoding encoding) throws IOException {
        byte[] codes = new byte[256];
        for (int i = 0; i < 256; i++) {
            codes[i] = (byte) i;
        }
        AudioFormat format = new AudioFormat(encoding, 8000f, 8, 1, 1, 8000f, false);
        AudioInputStream source = new AudioInputStream(new ByteArrayInputStream(codes), format, 256);
        byte[] pcm = AudioSystem.getAudioInputStream(PCM16, source).readAllBytes();
        assertEquals(512, pcm.length);
        short[] out = new short[256];
        for (int i = 0; i < 256; i++) {
            out[i] = (short) ((pcm[2 * i] << 8) | (pcm[2 * i + 1] & 0xFF));
        }
        return out;
    }
}
