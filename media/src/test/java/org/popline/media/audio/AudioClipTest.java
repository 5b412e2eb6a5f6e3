package org.popline.media.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.popline.media.codec.Codec;

class AudioClipTest {

    @Test
    void durationFollowsSampleCount() {
        assertEquals(Duration.ofMillis(1500), new AudioClip(new short[12_000]).duration());
        assertEquals(12_000, new AudioClip(new short[12_000]).sampleCount());
    }

    @Test
    void samplesCannotBeChangedFromOutside() {
        short[] pcm = {1, 2, 3};
        AudioClip prompt = new AudioClip(pcm);
        pcm[0] = 99;
        prompt.pcm()[1] = 99;
        assertArrayEquals(new short[] {1, 2, 3}, prompt.pcm());
        prompt.encoded(Codec.PCMU)[0] = 0;
        assertEquals(Codec.PCMU.encode((short) 1), prompt.encoded(Codec.PCMU)[0]);
        assertThrows(java.nio.ReadOnlyBufferException.class, () -> prompt.encodedBuffer(Codec.PCMU).put(0, (byte) 0));
    }

    @Test
    void encodingsMatchTheCodecAndEachViewHasItsOwnPosition() {
        short[] pcm = {0, 500, -500, 20_000};
        AudioClip prompt = new AudioClip(pcm);
        for (Codec codec : Codec.values()) {
            byte[] expected = new byte[pcm.length];
            codec.encode(pcm, 0, expected, 0, pcm.length);
            assertArrayEquals(expected, prompt.encoded(codec));
        }
        ByteBuffer first = prompt.encodedBuffer(Codec.PCMA);
        first.get();
        assertEquals(0, prompt.encodedBuffer(Codec.PCMA).position());
    }
}
