package org.popline.media.source;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;
import org.popline.media.audio.GrowingClip;
import org.popline.media.codec.Codec;

/**
 * Plays a clip while it is still being made (a prompt being synthesised). It starts once a small
 * lead of audio is there, so that the writer, which runs far faster than real time, stays ahead;
 * should the writer fall behind all the same, it sends silence rather than stall the stream, and
 * counts the frame as an underrun. If the clip fails, reading throws its failure.
 */
public final class StreamingClipSource implements AudioSource {

    /** Two frames: FreeTTS hands over its audio in 64 ms pieces, so the first piece already covers it. */
    public static final int DEFAULT_LEAD_SAMPLES = 2 * 160;

    private final GrowingClip clip;
    private final int leadSamples;
    private final LongAdder underruns;
    private int position;
    private boolean started;

    /** @param underruns counts frames sent as silence because the clip had not grown far enough */
    public StreamingClipSource(GrowingClip clip, int leadSamples, LongAdder underruns) {
        if (leadSamples < 1) {
            throw new IllegalArgumentException("the lead must be at least one sample: " + leadSamples);
        }
        this.clip = clip;
        this.leadSamples = leadSamples;
        this.underruns = underruns;
    }

    @Override
    public boolean read(Codec codec, byte[] frame) {
        GrowingClip.Progress progress = clip.progress();
        int available = progress.length() - position;
        if (!started && !progress.finished() && available < leadSamples) {
            Arrays.fill(frame, codec.silence());
            return true;
        }
        started = true;
        if (available < frame.length && !progress.finished()) {
            underruns.increment();
            Arrays.fill(frame, codec.silence());
            return true;
        }
        if (available == 0) {
            return false;
        }
        int count = clip.copy(codec, position, frame, 0, frame.length);
        position += count;
        Arrays.fill(frame, count, frame.length, codec.silence());
        return true;
    }

    @Override
    public boolean waiting() {
        return !started;
    }
}
