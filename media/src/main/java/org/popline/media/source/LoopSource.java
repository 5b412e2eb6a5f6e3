package org.popline.media.source;

import org.popline.media.audio.AudioClip;
import org.popline.media.codec.Codec;

/**
 * Plays a clip over and over without end (hold music). When the clip ends inside a
 * frame, the same frame goes on with the clip's start, so the wrap adds no gap and, for
 * a clip that was made to loop, no click.
 */
public final class LoopSource implements AudioSource {

    private final ClipCursor cursor;

    public LoopSource(AudioClip clip) {
        if (clip.sampleCount() == 0) {
            throw new IllegalArgumentException("cannot loop an empty clip");
        }
        this.cursor = new ClipCursor(clip);
    }

    @Override
    public boolean read(Codec codec, byte[] frame) {
        int filled = 0;
        while (filled < frame.length) {
            int count = cursor.read(codec, frame, filled, frame.length - filled);
            if (count == 0) {
                cursor.rewind();
            }
            filled += count;
        }
        return true;
    }
}
