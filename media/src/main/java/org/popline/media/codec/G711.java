package org.popline.media.codec;

/**
 * ITU-T G.711 mu-law and A-law on 16-bit linear PCM, table driven.
 *
 * <p>Encoding follows the ITU-T G.191 reference software: negative inputs are quantised
 * by their one's complement (so each quantiser is symmetric around -0.5 LSB) and mu-law
 * clips at 32635. Decoding gives the ITU reconstruction levels scaled to 16 bits.
 * The tables cover every possible input, so encoding and decoding are a single lookup.
 */
public final class G711 {

    private static final int ULAW_BIAS = 0x84;
    private static final int ULAW_CLIP = 32635;

    private static final byte[] LINEAR_TO_ULAW = new byte[1 << 16];
    private static final byte[] LINEAR_TO_ALAW = new byte[1 << 16];
    private static final short[] ULAW_TO_LINEAR = new short[256];
    private static final short[] ALAW_TO_LINEAR = new short[256];

    static {
        for (int pcm = Short.MIN_VALUE; pcm <= Short.MAX_VALUE; pcm++) {
            LINEAR_TO_ULAW[pcm & 0xFFFF] = computeUlaw(pcm);
            LINEAR_TO_ALAW[pcm & 0xFFFF] = computeAlaw(pcm);
        }
        for (int code = 0; code < 256; code++) {
            ULAW_TO_LINEAR[code] = computeUlawToLinear(code);
            ALAW_TO_LINEAR[code] = computeAlawToLinear(code);
        }
    }

    private G711() {
    }

    public static byte linearToUlaw(short sample) {
        return LINEAR_TO_ULAW[sample & 0xFFFF];
    }

    public static short ulawToLinear(byte code) {
        return ULAW_TO_LINEAR[code & 0xFF];
    }

    public static byte linearToAlaw(short sample) {
        return LINEAR_TO_ALAW[sample & 0xFFFF];
    }

    public static short alawToLinear(byte code) {
        return ALAW_TO_LINEAR[code & 0xFF];
    }

    private static byte computeUlaw(int pcm) {
        int mask = 0xFF;
        int magnitude = pcm;
        if (magnitude < 0) {
            magnitude = ~magnitude;
            mask = 0x7F;
        }
        magnitude = Math.min(magnitude, ULAW_CLIP) + ULAW_BIAS;
        int segment = highestBit(magnitude) - 7;
        int code = (segment << 4) | ((magnitude >> (segment + 3)) & 0x0F);
        return (byte) (code ^ mask);
    }

    private static short computeUlawToLinear(int code) {
        int u = ~code & 0xFF;
        int t = (((u & 0x0F) << 3) + ULAW_BIAS) << ((u & 0x70) >> 4);
        return (short) ((u & 0x80) != 0 ? ULAW_BIAS - t : t - ULAW_BIAS);
    }

    private static byte computeAlaw(int pcm) {
        // A-law quantises 13 bits; the shift before the complement keeps that exact.
        int value = pcm >> 3;
        int mask = 0xD5;
        if (value < 0) {
            value = ~value;
            mask = 0x55;
        }
        int segment = Math.max(0, highestBit(value) - 4);
        if (segment >= 8) {
            return (byte) (0x7F ^ mask);
        }
        int mantissa = segment < 2 ? (value >> 1) & 0x0F : (value >> segment) & 0x0F;
        return (byte) (((segment << 4) | mantissa) ^ mask);
    }

    private static short computeAlawToLinear(int code) {
        int a = code ^ 0x55;
        int t = (a & 0x0F) << 4;
        int segment = (a & 0x70) >> 4;
        if (segment == 0) {
            t += 8;
        } else {
            t = (t + 0x108) << (segment - 1);
        }
        return (short) ((a & 0x80) != 0 ? t : -t);
    }

    private static int highestBit(int value) {
        return 31 - Integer.numberOfLeadingZeros(value);
    }
}
