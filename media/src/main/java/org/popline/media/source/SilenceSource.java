package org.popline.media.source;

import java.time.Duration;
import java.util.Arrays;
import org.popline.media.codec.Codec;

/** A pause of fixed length. */
public final class SilenceSource implements AudioSource {

    private long remainingSamples;

    public SilenceSource(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative silence: " + duration);
        }
        this.remainingSamples = duration.toNanos() * SAMPLE_RATE / 1_000_000_000L;
    }

    @Override
    public boolean read(Codec codec, byte[] frame) {
        if (remainingSamples <= 0) {
            return false;
        }
        Arrays.fill(frame, codec.silence());
        remainingSamples -= frame.length;
        return true;
    }
}
