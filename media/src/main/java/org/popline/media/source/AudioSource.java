package org.popline.media.source;

import org.popline.media.codec.Codec;

/**
 * Audio to be sent, pulled one frame at a time by the media clock thread.
 *
 * <p>Implementations must be quick and must not block: they run on the single thread
 * that drives every stream.
 */
public interface AudioSource {

    /** Samples per second of every source: G.711 narrowband. */
    int SAMPLE_RATE = 8000;

    /**
     * Fills all of {@code frame} with encoded audio; a final partial frame is padded
     * with {@link Codec#silence()}.
     *
     * @return false, leaving {@code frame} untouched, once the source is exhausted
     */
    boolean read(Codec codec, byte[] frame);

    /**
     * True while the frames read are a wait's silence rather than the source's own audio (a prompt
     * whose first audio is not there yet), so that its first audible frame can be told apart.
     */
    default boolean waiting() {
        return false;
    }
}
