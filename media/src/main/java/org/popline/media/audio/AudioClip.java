package org.popline.media.audio;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.popline.media.codec.Codec;

/**
 * Immutable 8 kHz mono audio (a spoken prompt, a WAV file, hold music), with its G.711
 * encodings computed once per codec so that playing it to many calls costs nothing but
 * copying.
 */
public final class AudioClip {

    public static final int SAMPLE_RATE = 8000;

    private final short[] pcm;
    private final Map<Codec, ByteBuffer> encodings = new ConcurrentHashMap<>();

    public AudioClip(short[] pcm) {
        this(pcm, true);
    }

    private AudioClip(short[] pcm, boolean copy) {
        this.pcm = copy ? pcm.clone() : pcm;
    }

    /** A clip of samples no one else holds, so not copied again. */
    static AudioClip adopt(short[] owned) {
        return new AudioClip(owned, false);
    }

    /** A copy of the samples. */
    public short[] pcm() {
        return pcm.clone();
    }

    public int sampleCount() {
        return pcm.length;
    }

    public Duration duration() {
        return Duration.ofNanos(pcm.length * 1_000_000_000L / SAMPLE_RATE);
    }

    /** The most memory the audio takes: the samples, and one encoding per codec once each has been asked for. */
    public long footprintBytes() {
        return (long) pcm.length * (Short.BYTES + Codec.values().length);
    }

    /** A copy of the encoded bytes. */
    public byte[] encoded(Codec codec) {
        ByteBuffer view = encodedBuffer(codec);
        byte[] copy = new byte[view.remaining()];
        view.get(copy);
        return copy;
    }

    /** A read-only view of the cached encoding, without copying; each call gets its own position. */
    public ByteBuffer encodedBuffer(Codec codec) {
        return encodings.computeIfAbsent(codec, this::encode).asReadOnlyBuffer();
    }

    private ByteBuffer encode(Codec codec) {
        byte[] out = new byte[pcm.length];
        codec.encode(pcm, 0, out, 0, pcm.length);
        return ByteBuffer.wrap(out);
    }
}
