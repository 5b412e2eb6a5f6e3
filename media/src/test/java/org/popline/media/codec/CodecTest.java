package org.popline.media.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CodecTest {

    @Test
    void payloadTypesAndNamesFollowRfc3551() {
        assertEquals(0, Codec.PCMU.payloadType());
        assertEquals(8, Codec.PCMA.payloadType());
        assertEquals("PCMU", Codec.PCMU.encodingName());
        assertEquals("PCMA", Codec.PCMA.encodingName());
    }

    @Test
    void byNameIgnoresCase() {
        assertEquals(Optional.of(Codec.PCMU), Codec.byName("pcmu"));
        assertEquals(Optional.of(Codec.PCMA), Codec.byName("PcmA"));
        assertTrue(Codec.byName("G729").isEmpty());
        assertTrue(Codec.byName(null).isEmpty());
    }

    @Test
    void silenceIsEncodedZero() {
        assertEquals((byte) 0xFF, Codec.PCMU.silence());
        assertEquals((byte) 0xD5, Codec.PCMA.silence());
        assertEquals(0, Codec.PCMU.decode(Codec.PCMU.silence()));
    }

    @Test
    void arrayMethodsMatchSampleMethodsAndRespectOffsets() {
        short[] pcm = {0, 1000, -1000, 32767, -32768, 123};
        for (Codec codec : Codec.values()) {
            byte[] out = new byte[6];
            codec.encode(pcm, 1, out, 2, 4);
            assertArrayEquals(new byte[] {0, 0, codec.encode((short) 1000), codec.encode((short) -1000),
                codec.encode((short) 32767), codec.encode((short) -32768)}, out);

            short[] decoded = new short[5];
            codec.decode(out, 2, decoded, 1, 4);
            assertArrayEquals(new short[] {0, codec.decode(out[2]), codec.decode(out[3]),
                codec.decode(out[4]), codec.decode(out[5])}, decoded);
        }
        assertEquals(G711.linearToAlaw((short) 1000), Codec.PCMA.encode((short) 1000));
        assertEquals(G711.linearToUlaw((short) 1000), Codec.PCMU.encode((short) 1000));
    }
}
