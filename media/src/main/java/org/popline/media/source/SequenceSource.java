package org.popline.media.source;

import java.util.List;
import org.popline.media.codec.Codec;

/** Plays sources one after another, as one source. */
public final class SequenceSource implements AudioSource {

    private final List<AudioSource> sources;
    private int current;

    public SequenceSource(List<AudioSource> sources) {
        this.sources = List.copyOf(sources);
    }

    @Override
    public boolean read(Codec codec, byte[] frame) {
        while (current < sources.size()) {
            if (sources.get(current).read(codec, frame)) {
                return true;
            }
            current++;
        }
        return false;
    }
}
