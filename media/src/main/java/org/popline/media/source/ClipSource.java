package org.popline.media.source;

import java.util.Arrays;
import org.popline.media.audio.AudioClip;
import org.popline.media.codec.Codec;

/** Plays a clip once from its cached encoding, so no frame is encoded on the clock thread. */
public final class ClipSource implements AudioSource {

    private final ClipCursor cursor;

    public ClipSource(AudioClip clip) {
        this.cursor = new ClipCursor(clip);
    }

    @Override
    public boolean read(Codec codec, byte[] frame) {
        int count = cursor.read(codec, frame, 0, frame.length);
        if (count == 0) {
            return false;
        }
        Arrays.fill(frame, count, frame.length, codec.silence());
        return true;
    }
}
