package org.popline.media.dtmf;

/**
 * Gets key presses. Called on the thread that fed the detector (for RTP, the media
 * receive thread), so an implementation must return quickly and must not block.
 */
@FunctionalInterface
public interface DtmfListener {

    /** One key press, delivered once and as early as it is certain, so prompts can stop at once. */
    void onDigit(DtmfDigit digit);

    /**
     * The press delivered by {@link #onDigit} has ended; the digit carries its final duration.
     * Called at most once per press: when its end is seen, or when the next press or a new
     * stream shows that it is over (its end was lost; the duration is then what was seen).
     */
    default void onDigitEnd(DtmfDigit digit) {
    }
}
