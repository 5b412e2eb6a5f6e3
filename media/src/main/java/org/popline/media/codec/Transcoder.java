package org.popline.media.codec;

import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;

/**
 * Converts G.711 payloads from one law to the other, for a call whose legs negotiated
 * different codecs. Decoding then re-encoding each of the 256 codes once, up front, turns
 * the per-packet work into one table lookup per byte.
 */
public final class Transcoder {

    private static final Map<Codec, Map<Codec, Transcoder>> ALL = new EnumMap<>(Codec.class);

    static {
        for (Codec from : Codec.values()) {
            Map<Codec, Transcoder> byTarget = new EnumMap<>(Codec.class);
            for (Codec to : Codec.values()) {
                byTarget.put(to, new Transcoder(from, to));
            }
            ALL.put(from, byTarget);
        }
    }

    private final Codec from;
    private final Codec to;
    private final byte[] table = new byte[256];

    private Transcoder(Codec from, Codec to) {
        this.from = from;
        this.to = to;
        for (int code = 0; code < 256; code++) {
            table[code] = to.encode(from.decode((byte) code));
        }
    }

    public static Transcoder between(Codec from, Codec to) {
        return ALL.get(from).get(to);
    }

    public Codec from() {
        return from;
    }

    public Codec to() {
        return to;
    }

    /**
     * Converts the bytes between {@code in}'s position and limit into {@code out} from index 0,
     * moving {@code in}'s position to its limit.
     *
     * @return the number of bytes written, equal to the number read (one sample per byte either way)
     */
    public int transcode(ByteBuffer in, byte[] out) {
        int length = in.remaining();
        if (from == to) {
            // Not through the table: decode-then-encode folds codes that decode alike (mu-law's two zeros).
            in.get(out, 0, length);
            return length;
        }
        for (int i = 0; i < length; i++) {
            out[i] = table[in.get() & 0xFF];
        }
        return length;
    }
}
