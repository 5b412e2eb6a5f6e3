package org.popline.media.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class TranscoderTest {

    private static byte[] everyCode() {
        byte[] codes = new byte[256];
        for (int i = 0; i < 256; i++) {
            codes[i] = (byte) i;
        }
        return codes;
    }

    @Test
    void theSameCodecCopiesEveryByteAsItIs() {
        for (Codec codec : Codec.values()) {
            byte[] out = new byte[256];
            ByteBuffer in = ByteBuffer.wrap(everyCode());
            assertEquals(256, Transcoder.between(codec, codec).transcode(in, out));
            assertArrayEquals(everyCode(), out);
            assertEquals(0, in.remaining());
        }
    }

    @Test
    void betweenLawsItDecodesThenEncodes() {
        for (Codec from : Codec.values()) {
            for (Codec to : Codec.values()) {
                if (from == to) {
                    continue;
                }
                byte[] out = new byte[256];
                Transcoder.between(from, to).transcode(ByteBuffer.wrap(everyCode()), out);
                for (int code = 0; code < 256; code++) {
                    short original = from.decode((byte) code);
                    assertEquals(to.encode(original), out[code]);
                    int error = Math.abs(to.decode(out[code]) - original);
                    assertTrue(error <= 16 + Math.abs(original) / 16, from + " code " + code + " off by " + error);
                }
            }
        }
    }

    @Test
    void readsFromThePositionAndWritesFromZero() {
        ByteBuffer in = ByteBuffer.wrap(new byte[] {9, 9, Codec.PCMU.silence(), Codec.PCMU.silence()});
        in.position(2);
        byte[] out = new byte[4];
        assertEquals(2, Transcoder.between(Codec.PCMU, Codec.PCMA).transcode(in, out));
        assertEquals(Codec.PCMA.silence(), out[0]);
        assertEquals(Codec.PCMA.silence(), out[1]);
        assertSame(Codec.PCMA, Transcoder.between(Codec.PCMU, Codec.PCMA).to());
    }
}
