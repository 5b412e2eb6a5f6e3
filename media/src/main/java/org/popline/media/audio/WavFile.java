package org.popline.media.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.popline.media.codec.Codec;

/**
 * Loads a RIFF/WAVE file as a clip ready to play: 8 or 16 kHz mono 16-bit PCM, or 8 kHz
 * G.711 (mu-law or A-law). 16 kHz is low-pass filtered and resampled to 8 kHz.
 *
 * <p>Anything else is refused when loaded, naming the file and its actual format, so a
 * wrong file in {@code conf/audio} stops start-up instead of sounding wrong in calls.
 * There is deliberately no conversion of other rates, channel counts or sample sizes:
 * converting them well belongs to a tool such as sox, done once, not at every start.
 */
public final class WavFile {

    private static final String PLAYABLE = "Popline plays 8 or 16 kHz mono 16-bit PCM, or 8 kHz G.711 WAV";
    private static final int CHUNK_HEADER = 8;
    private static final int FMT_MIN_SIZE = 16;
    private static final int FMT_EXTENSIBLE_SIZE = 40;

    private WavFile() {
    }

    public static AudioClip load(Path path) throws IOException {
        ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        if (file.remaining() < 12 || !"RIFF".equals(fourCc(file, 0)) || !"WAVE".equals(fourCc(file, 8))) {
            throw refuse(path, "not a WAV file (no RIFF/WAVE header)");
        }
        WavFormat format = null;
        ByteBuffer data = null;
        int offset = 12;
        while (offset + CHUNK_HEADER <= file.limit()) {
            String id = fourCc(file, offset);
            long size = Integer.toUnsignedLong(file.getInt(offset + 4));
            int body = offset + CHUNK_HEADER;
            if (size > file.limit() - body) {
                throw refuse(path, "truncated: the \"" + id + "\" chunk declares " + size + " bytes but "
                        + (file.limit() - body) + " follow");
            }
            if ("fmt ".equals(id)) {
                format = readFormat(path, file.slice(body, (int) size).order(ByteOrder.LITTLE_ENDIAN));
            } else if ("data".equals(id) && data == null) {
                data = file.slice(body, (int) size).order(ByteOrder.LITTLE_ENDIAN);
            }
            // RIFF pads every odd-sized chunk to an even length.
            offset = body + (int) size + (int) (size & 1);
        }
        if (format == null) {
            throw refuse(path, "no fmt chunk");
        }
        if (!format.isPlayable()) {
            throw refuse(path, format.describe() + "; " + PLAYABLE);
        }
        if (data == null) {
            throw refuse(path, "no data chunk");
        }
        if (data.remaining() % format.bytesPerFrame() != 0) {
            throw refuse(path, "truncated: " + data.remaining() + " bytes of " + format.describe()
                    + " is not a whole number of samples");
        }
        return new AudioClip(decode(format, data));
    }

    private static WavFormat readFormat(Path path, ByteBuffer fmt) throws AudioFileException {
        if (fmt.remaining() < FMT_MIN_SIZE) {
            throw refuse(path, "damaged: fmt chunk of " + fmt.remaining() + " bytes");
        }
        int tag = Short.toUnsignedInt(fmt.getShort(0));
        int channels = Short.toUnsignedInt(fmt.getShort(2));
        int sampleRate = fmt.getInt(4);
        int bits = Short.toUnsignedInt(fmt.getShort(14));
        if (tag == WavFormat.EXTENSIBLE) {
            if (fmt.remaining() < FMT_EXTENSIBLE_SIZE) {
                throw refuse(path, "damaged: extensible fmt chunk of " + fmt.remaining() + " bytes");
            }
            // The real format tag is the first two bytes of the sub-format GUID.
            tag = Short.toUnsignedInt(fmt.getShort(24));
        }
        return new WavFormat(tag, channels, sampleRate, bits);
    }

    private static short[] decode(WavFormat format, ByteBuffer data) {
        if (format.tag() == WavFormat.PCM) {
            short[] pcm = new short[data.remaining() / 2];
            data.asShortBuffer().get(pcm);
            return Resampler.resample(pcm, format.sampleRate(), AudioClip.SAMPLE_RATE);
        }
        Codec law = format.tag() == WavFormat.MULAW ? Codec.PCMU : Codec.PCMA;
        byte[] codes = new byte[data.remaining()];
        data.get(codes);
        short[] pcm = new short[codes.length];
        law.decode(codes, 0, pcm, 0, codes.length);
        return pcm;
    }

    private static String fourCc(ByteBuffer file, int offset) {
        byte[] id = new byte[4];
        file.get(offset, id);
        return new String(id, StandardCharsets.ISO_8859_1);
    }

    private static AudioFileException refuse(Path path, String problem) {
        return new AudioFileException(path + ": " + problem);
    }
}
