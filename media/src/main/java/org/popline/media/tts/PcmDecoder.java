package org.popline.media.tts;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.sound.sampled.AudioFormat;

/** Turns raw linear PCM bytes of any common layout into mono 16-bit samples. */
final class PcmDecoder {

    private PcmDecoder() {
    }

    static short[] toMono16(byte[] bytes, int length, AudioFormat format) {
        return toMono16(bytes, 0, length, format);
    }

    /** The whole frames among {@code length} bytes from {@code offset}. */
    static short[] toMono16(byte[] bytes, int offset, int length, AudioFormat format) {
        AudioFormat.Encoding encoding = format.getEncoding();
        boolean signed = AudioFormat.Encoding.PCM_SIGNED.equals(encoding);
        if (!signed && !AudioFormat.Encoding.PCM_UNSIGNED.equals(encoding)) {
            throw new IllegalArgumentException("not linear PCM: " + format);
        }
        int bits = format.getSampleSizeInBits();
        if (bits != 8 && bits != 16) {
            throw new IllegalArgumentException("unsupported sample size: " + format);
        }
        int bytesPerSample = bits / 8;
        int channels = format.getChannels();
        int frames = length / (bytesPerSample * channels);
        short[] out = new short[frames];
        if (signed && bits == 16 && channels == 1) {
            // FreeTTS's own layout: a bulk copy, which the JIT turns into a vectorised byte swap, not a
            // loop of sample(); it is a fifth of the CPU of FreeTTS's output threads otherwise.
            ByteBuffer.wrap(bytes, offset, 2 * frames).order(format.isBigEndian() ? ByteOrder.BIG_ENDIAN
                    : ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
            return out;
        }
        int index = offset;
        for (int frame = 0; frame < frames; frame++) {
            int sum = 0;
            for (int channel = 0; channel < channels; channel++) {
                sum += sample(bytes, index, bits, signed, format.isBigEndian());
                index += bytesPerSample;
            }
            out[frame] = (short) (sum / channels);
        }
        return out;
    }

    private static int sample(byte[] bytes, int index, int bits, boolean signed, boolean bigEndian) {
        if (bits == 8) {
            int value = signed ? bytes[index] : (bytes[index] & 0xFF) - 128;
            return value << 8;
        }
        int high = bigEndian ? bytes[index] : bytes[index + 1];
        int low = bigEndian ? bytes[index + 1] : bytes[index];
        int value = (high << 8) | (low & 0xFF);
        return signed ? (short) value : (value & 0xFFFF) - 32768;
    }
}
