package org.popline.media.tts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import javax.sound.sampled.AudioFormat;
import org.junit.jupiter.api.Test;

class PcmDecoderTest {

    @Test
    void readsSignedBigAndLittleEndian() {
        byte[] big = {0x12, 0x34, (byte) 0xFF, (byte) 0xFE};
        assertArrayEquals(new short[] {0x1234, -2},
                PcmDecoder.toMono16(big, 4, new AudioFormat(8000f, 16, 1, true, true)));
        byte[] little = {0x34, 0x12, (byte) 0xFE, (byte) 0xFF};
        assertArrayEquals(new short[] {0x1234, -2},
                PcmDecoder.toMono16(little, 4, new AudioFormat(8000f, 16, 1, true, false)));
    }

    @Test
    void readsUnsignedAndEightBit() {
        byte[] unsigned16 = {(byte) 0x80, 0x00, 0x00, 0x00};
        assertArrayEquals(new short[] {0, -32768},
                PcmDecoder.toMono16(unsigned16, 4, new AudioFormat(8000f, 16, 1, false, true)));
        byte[] unsigned8 = {(byte) 0x80, (byte) 0xFF};
        assertArrayEquals(new short[] {0, 127 << 8},
                PcmDecoder.toMono16(unsigned8, 2, new AudioFormat(8000f, 8, 1, false, false)));
    }

    @Test
    void readsFromAnOffsetWholeFramesOnly() {
        byte[] piece = {0x7F, 0x12, 0x34, (byte) 0xFF, (byte) 0xFE, 0x55};
        assertArrayEquals(new short[] {0x1234, -2},
                PcmDecoder.toMono16(piece, 1, 5, new AudioFormat(8000f, 16, 1, true, true)));
    }

    @Test
    void readsALongPieceOfEitherByteOrderSampleBySample() {
        byte[] piece = new byte[2 * 1000 + 3];
        new java.util.Random(7).nextBytes(piece);
        for (boolean bigEndian : new boolean[] {true, false}) {
            short[] expected = new short[1000];
            for (int i = 0; i < expected.length; i++) {
                int first = piece[1 + 2 * i] & 0xFF;
                int second = piece[2 + 2 * i] & 0xFF;
                expected[i] = (short) (bigEndian ? first << 8 | second : second << 8 | first);
            }
            assertArrayEquals(expected, PcmDecoder.toMono16(piece, 1, piece.length - 2,
                    new AudioFormat(16000f, 16, 1, true, bigEndian)));
        }
    }

    @Test
    void mixesStereoToMono() {
        byte[] stereo = {0x10, 0x00, 0x30, 0x00};
        assertArrayEquals(new short[] {0x2000},
                PcmDecoder.toMono16(stereo, 4, new AudioFormat(8000f, 16, 2, true, true)));
    }

    @Test
    void rejectsNonLinearEncodings() {
        AudioFormat ulaw = new AudioFormat(AudioFormat.Encoding.ULAW, 8000f, 8, 1, 1, 8000f, false);
        assertThrows(IllegalArgumentException.class, () -> PcmDecoder.toMono16(new byte[2], 2, ulaw));
    }
}
