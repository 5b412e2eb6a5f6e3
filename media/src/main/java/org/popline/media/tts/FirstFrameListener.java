package org.popline.media.tts;

/** Hears how long callers waited for a prompt's first audio (the metrics do). */
public interface FirstFrameListener {

    FirstFrameListener NONE = (nanos, streamed) -> { };

    /**
     * A prompt's first frame has left the socket, {@code nanos} after the call asked for the prompt.
     * Runs on the media clock thread: must be quick and must not block.
     *
     * @param streamed the prompt was still being synthesised when asked for (not held by the cache)
     */
    void firstFrameSent(long nanos, boolean streamed);
}
