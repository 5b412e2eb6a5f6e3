package org.popline.media.tts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.sound.sampled.AudioFormat;
import org.junit.jupiter.api.Test;

class StreamingAudioPlayerTest {

    @Test
    void piecesThatSplitSamplesAndStartAtOffsetsGiveEverySampleOnce() {
        AudioFormat format = new AudioFormat(8000f, 16, 1, true, true);
        byte[] audio = new byte[4_001 * 2];
        new Random(3).nextBytes(audio);
        short[] expected = PcmDecoder.toMono16(audio, audio.length, format);

        StreamingAudioPlayer player = new StreamingAudioPlayer();
        player.setAudioFormat(format);
        List<short[]> delivered = new ArrayList<>();
        player.sendTo(delivered::add);
        Random pieces = new Random(4);
        int at = 0;
        while (at < audio.length) {
            int length = Math.min(audio.length - at, 1 + pieces.nextInt(301));
            // FreeTTS hands over a slice of a larger buffer: the piece sits at an offset in it.
            int lead = pieces.nextInt(5);
            byte[] buffer = new byte[lead + length + 3];
            System.arraycopy(audio, at, buffer, lead, length);
            player.write(buffer, lead, length);
            at += length;
        }
        player.end();

        short[] got = delivered.stream().reduce(new short[0], StreamingAudioPlayerTest::concat);
        assertArrayEquals(expected, got);
    }

    private static short[] concat(short[] a, short[] b) {
        short[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
