package org.popline.media.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds WAV files byte by byte, including the odd and broken ones real tools produce. */
final class TestWav {

    private TestWav() {
    }

    static byte[] riff(byte[]... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ascii("WAVE"));
        for (byte[] chunk : chunks) {
            body.writeBytes(chunk);
        }
        ByteBuffer out = le(8 + body.size());
        out.put(ascii("RIFF")).putInt(body.size()).put(body.toByteArray());
        return out.array();
    }

    static byte[] chunk(String id, byte[] body) {
        ByteBuffer out = le(8 + body.length + (body.length & 1));
        out.put(ascii(id)).putInt(body.length).put(body);
        return out.array();
    }

    static byte[] fmt(int tag, int channels, int rate, int bits) {
        int blockAlign = channels * bits / 8;
        ByteBuffer out = le(16);
        out.putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * blockAlign)
                .putShort((short) blockAlign).putShort((short) bits);
        return chunk("fmt ", out.array());
    }

    static byte[] data(short[] pcm) {
        ByteBuffer out = le(2 * pcm.length);
        out.asShortBuffer().put(pcm);
        return chunk("data", out.array());
    }

    static byte[] pcmWav(int rate, short[] pcm) {
        return riff(fmt(1, 1, rate, 16), data(pcm));
    }

    static short[] sine(double frequency, int rate, int samples, double amplitude) {
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * frequency * i / rate));
        }
        return out;
    }

    /** Amplitude of {@code frequency} in the middle half of the signal (the edges hold filter transients). */
    static double amplitudeAt(short[] signal, double frequency, int rate) {
        double re = 0;
        double im = 0;
        int from = signal.length / 4;
        int to = 3 * signal.length / 4;
        for (int i = from; i < to; i++) {
            double phase = 2 * Math.PI * frequency * i / rate;
            re += signal[i] * Math.cos(phase);
            im += signal[i] * Math.sin(phase);
        }
        return 2 * Math.hypot(re, im) / (to - from);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
