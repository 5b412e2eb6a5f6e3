package org.popline.media.source;

import java.nio.ByteBuffer;
import org.popline.media.audio.AudioClip;
import org.popline.media.codec.Codec;

/**
 * A place in a clip's cached encoding. The place is counted in samples, so it survives
 * a codec change in mid-play (G.711 has one byte per sample in either law).
 */
final class ClipCursor {

    private final AudioClip clip;
    private Codec codec;
    private ByteBuffer encoded;

    ClipCursor(AudioClip clip) {
        this.clip = clip;
    }

    /** Copies up to {@code length} bytes into {@code frame} at {@code offset}; returns how many. */
    int read(Codec codec, byte[] frame, int offset, int length) {
        if (codec != this.codec) {
            int position = encoded == null ? 0 : encoded.position();
            encoded = clip.encodedBuffer(codec);
            encoded.position(position);
            this.codec = codec;
        }
        int count = Math.min(encoded.remaining(), length);
        encoded.get(frame, offset, count);
        return count;
    }

    void rewind() {
        if (encoded != null) {
            encoded.rewind();
        }
    }
}
