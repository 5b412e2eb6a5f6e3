package org.popline.media.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.popline.media.audio.TestWav.amplitudeAt;
import static org.popline.media.audio.TestWav.ascii;
import static org.popline.media.audio.TestWav.chunk;
import static org.popline.media.audio.TestWav.data;
import static org.popline.media.audio.TestWav.fmt;
import static org.popline.media.audio.TestWav.pcmWav;
import static org.popline.media.audio.TestWav.riff;
import static org.popline.media.audio.TestWav.sine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popline.media.codec.Codec;

class WavFileTest {

    @TempDir
    Path dir;

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private String refusal(String name, byte[] bytes) throws IOException {
        Path path = file(name, bytes);
        return assertThrows(AudioFileException.class, () -> WavFile.load(path)).getMessage();
    }

    private static short[] ramp(int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) (i * 37 - 9000);
        }
        return pcm;
    }

    @Test
    void loadsAn8kHzFileWrittenByJavaSound() throws Exception {
        short[] pcm = ramp(500);
        ByteBuffer bytes = ByteBuffer.allocate(1000).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(pcm);
        AudioFormat format = new AudioFormat(8000, 16, 1, true, false);
        Path path = dir.resolve("java-sound.wav");
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(bytes.array()), format, pcm.length),
                AudioFileFormat.Type.WAVE, path.toFile());
        assertArrayEquals(pcm, WavFile.load(path).pcm());
    }

    @Test
    void readsWhatWavWriterWrites() throws Exception {
        short[] pcm = ramp(321);
        Path path = dir.resolve("written.wav");
        WavWriter.write(path, pcm, 8000);
        assertEquals(44 + 642, Files.size(path));
        assertArrayEquals(pcm, WavFile.load(path).pcm());
    }

    @Test
    void skipsOtherChunksAndTheirPadBytes() throws Exception {
        short[] pcm = ramp(200);
        byte[] odd = riff(chunk("LIST", ascii("INFOISFT")), chunk("junk", new byte[3]), fmt(1, 1, 8000, 16),
                chunk("fact", new byte[5]), data(pcm), chunk("id3 ", new byte[7]));
        assertArrayEquals(pcm, WavFile.load(file("odd.wav", odd)).pcm());
    }

    @Test
    void loadsG711Files() throws Exception {
        byte[] codes = new byte[256];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (byte) i;
        }
        for (Codec law : Codec.values()) {
            int tag = law == Codec.PCMU ? 7 : 6;
            AudioClip clip = WavFile.load(file(law + ".wav", riff(fmt(tag, 1, 8000, 8), chunk("data", codes))));
            short[] expected = new short[codes.length];
            law.decode(codes, 0, expected, 0, codes.length);
            assertArrayEquals(expected, clip.pcm(), law.name());
        }
    }

    @Test
    void aG711FilePlayedInItsOwnLawIsSentUnchanged() throws Exception {
        byte[] codes = new byte[256];
        for (int i = 0; i < codes.length; i++) {
            // Skip negative zero (0x7F): it decodes to 0, which encodes as positive zero.
            codes[i] = (byte) (i == 0x7F ? 0x7E : i);
        }
        AudioClip clip = WavFile.load(file("mulaw.wav", riff(fmt(7, 1, 8000, 8), chunk("data", codes))));
        assertArrayEquals(codes, clip.encoded(Codec.PCMU));
    }

    @Test
    void a16kHzFileIsResampledKeepingTheTelephoneBand() throws Exception {
        AudioClip clip = WavFile.load(file("tone16k.wav", pcmWav(16_000, sine(1000, 16_000, 16_000, 10_000))));
        assertEquals(8000, clip.sampleCount());
        assertEquals(10_000, amplitudeAt(clip.pcm(), 1000, 8000), 200);
    }

    @Test
    void a16kHzFileIsFilteredBeforeDecimationSoNothingAliases() throws Exception {
        // Dropping every other sample would fold 5 kHz to 3 kHz at full amplitude.
        AudioClip clip = WavFile.load(file("high16k.wav", pcmWav(16_000, sine(5000, 16_000, 16_000, 10_000))));
        double aliased = amplitudeAt(clip.pcm(), 3000, 8000);
        assertTrue(aliased < 10_000 / 100.0, "5 kHz aliases to 3 kHz at amplitude " + aliased);
        short[] middle = Arrays.copyOfRange(clip.pcm(), 2000, 6000);
        for (short sample : middle) {
            assertTrue(Math.abs(sample) < 100, "left over: " + sample);
        }
    }

    @Test
    void loadsWaveFormatExtensibleMonoPcm() throws Exception {
        short[] pcm = ramp(100);
        ByteBuffer fmt = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        fmt.putShort((short) 0xFFFE).putShort((short) 1).putInt(8000).putInt(16_000).putShort((short) 2)
                .putShort((short) 16).putShort((short) 22).putShort((short) 16).putInt(4).putShort((short) 1);
        AudioClip clip = WavFile.load(file("extensible.wav", riff(chunk("fmt ", fmt.array()), data(pcm))));
        assertArrayEquals(pcm, clip.pcm());
    }

    @Test
    void refusesOtherFormatsNamingTheFileAndItsFormat() throws Exception {
        String playable = "; Popline plays 8 or 16 kHz mono 16-bit PCM, or 8 kHz G.711 WAV";
        assertEquals(dir.resolve("cd.wav") + ": 44100 Hz 2-channel 16-bit PCM" + playable,
                refusal("cd.wav", riff(fmt(1, 2, 44_100, 16), chunk("data", new byte[400]))));
        assertEquals(dir.resolve("stereo.wav") + ": 8000 Hz 2-channel 16-bit PCM" + playable,
                refusal("stereo.wav", riff(fmt(1, 2, 8000, 16), chunk("data", new byte[400]))));
        assertEquals(dir.resolve("44k.wav") + ": 44100 Hz mono 16-bit PCM" + playable,
                refusal("44k.wav", riff(fmt(1, 1, 44_100, 16), chunk("data", new byte[400]))));
        assertEquals(dir.resolve("8bit.wav") + ": 8000 Hz mono 8-bit PCM" + playable,
                refusal("8bit.wav", riff(fmt(1, 1, 8000, 8), chunk("data", new byte[400]))));
        assertEquals(dir.resolve("float.wav") + ": 8000 Hz mono 32-bit IEEE float" + playable,
                refusal("float.wav", riff(fmt(3, 1, 8000, 32), chunk("data", new byte[400]))));
        assertEquals(dir.resolve("adpcm.wav") + ": 8000 Hz mono 4-bit IMA ADPCM" + playable,
                refusal("adpcm.wav", riff(fmt(0x11, 1, 8000, 4), chunk("data", new byte[400]))));
        assertEquals(dir.resolve("wideband-ulaw.wav") + ": 16000 Hz mono 8-bit G.711 mu-law" + playable,
                refusal("wideband-ulaw.wav", riff(fmt(7, 1, 16_000, 8), chunk("data", new byte[400]))));
        assertEquals(dir.resolve("odd.wav") + ": 8000 Hz mono 16-bit format tag 0x1234" + playable,
                refusal("odd.wav", riff(fmt(0x1234, 1, 8000, 16), chunk("data", new byte[400]))));
    }

    @Test
    void refusesFilesThatAreNotWav() throws Exception {
        assertEquals(dir.resolve("text.wav") + ": not a WAV file (no RIFF/WAVE header)",
                refusal("text.wav", ascii("hello, this is not audio at all")));
        assertEquals(dir.resolve("empty.wav") + ": not a WAV file (no RIFF/WAVE header)",
                refusal("empty.wav", new byte[0]));
        byte[] avi = riff(fmt(1, 1, 8000, 16));
        System.arraycopy(ascii("AVI "), 0, avi, 8, 4);
        assertEquals(dir.resolve("avi.wav") + ": not a WAV file (no RIFF/WAVE header)", refusal("avi.wav", avi));
    }

    @Test
    void refusesTruncatedAndIncompleteFiles() throws Exception {
        byte[] whole = pcmWav(8000, ramp(400));
        assertEquals(dir.resolve("cut.wav") + ": truncated: the \"data\" chunk declares 800 bytes but 500 follow",
                refusal("cut.wav", Arrays.copyOf(whole, 44 + 500)));
        assertEquals(dir.resolve("no-data.wav") + ": no data chunk",
                refusal("no-data.wav", riff(fmt(1, 1, 8000, 16))));
        assertEquals(dir.resolve("no-fmt.wav") + ": no fmt chunk",
                refusal("no-fmt.wav", riff(data(ramp(10)))));
        assertEquals(dir.resolve("half-sample.wav")
                        + ": truncated: 7 bytes of 8000 Hz mono 16-bit PCM is not a whole number of samples",
                refusal("half-sample.wav", riff(fmt(1, 1, 8000, 16), chunk("data", new byte[7]))));
        assertEquals(dir.resolve("short-fmt.wav") + ": damaged: fmt chunk of 10 bytes",
                refusal("short-fmt.wav", riff(chunk("fmt ", new byte[10]), data(ramp(10)))));
    }

    @Test
    void aMissingFileIsAnIoError() {
        IOException error = assertThrows(IOException.class, () -> WavFile.load(dir.resolve("absent.wav")));
        assertTrue(error.getMessage().contains("absent.wav"), error.getMessage());
    }
}
