package org.popline.media.codec;

import java.util.Locale;
import java.util.Optional;

/** The G.711 codecs, with their static RTP payload types (RFC 3551). */
public enum Codec {
    PCMU(0, "PCMU"),
    PCMA(8, "PCMA");

    private final int payloadType;
    private final String encodingName;
    private final byte silence;

    Codec(int payloadType, String encodingName) {
        this.payloadType = payloadType;
        this.encodingName = encodingName;
        this.silence = encodeSample(this, (short) 0);
    }

    public int payloadType() {
        return payloadType;
    }

    public String encodingName() {
        return encodingName;
    }

    public static Optional<Codec> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String upper = name.toUpperCase(Locale.ROOT);
        for (Codec codec : values()) {
            if (codec.encodingName.equals(upper)) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }

    public byte encode(short sample) {
        return encodeSample(this, sample);
    }

    public short decode(byte b) {
        return this == PCMU ? G711.ulawToLinear(b) : G711.alawToLinear(b);
    }

    public void encode(short[] pcm, int off, byte[] out, int outOff, int len) {
        for (int i = 0; i < len; i++) {
            out[outOff + i] = encode(pcm[off + i]);
        }
    }

    public void decode(byte[] in, int inOff, short[] out, int outOff, int len) {
        for (int i = 0; i < len; i++) {
            out[outOff + i] = decode(in[inOff + i]);
        }
    }

    /** The code for digital silence (linear 0): what fills gaps between prompts. */
    public byte silence() {
        return silence;
    }

    // Static so the constructor can use it before the enum constant is fully built.
    private static byte encodeSample(Codec codec, short sample) {
        return codec.payloadType == 0 ? G711.linearToUlaw(sample) : G711.linearToAlaw(sample);
    }
}
