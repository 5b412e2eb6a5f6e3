package org.popline.media.audio;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.popline.media.codec.Codec;

/**
 * A clip still being made (a prompt while it is synthesised): one writer appends samples, and any
 * number of readers play what is there meanwhile, each at its own place. The G.711 encodings are
 * made as the samples arrive, so readers on the media clock only copy bytes.
 *
 * <p>The writer fills the arrays beyond the published length and then publishes a new {@link Written}
 * (a volatile write), so a reader sees every sample up to the length it read; when the arrays
 * grow, the old ones stay valid for readers still holding them.
 */
public final class GrowingClip {

    private static final int INITIAL_CAPACITY = AudioClip.SAMPLE_RATE * 4;

    /** What has been written: arrays hold at least {@code length} samples, which never change after. */
    private record Written(short[] pcm, byte[][] encoded, int length, boolean finished, RuntimeException failure) {
    }

    private final CompletableFuture<AudioClip> done = new CompletableFuture<>();
    private volatile Written written = new Written(new short[0], new byte[Codec.values().length][0], 0, false, null);

    /** Appends samples; for the one writer only. */
    public void append(short[] samples, int offset, int count) {
        Written now = written;
        if (now.finished() || now.failure() != null) {
            throw new IllegalStateException("the clip is already " + (now.finished() ? "finished" : "failed"));
        }
        short[] pcm = now.pcm();
        byte[][] encoded = now.encoded();
        int length = now.length();
        if (length + count > pcm.length) {
            int capacity = Math.max(Math.max(INITIAL_CAPACITY, pcm.length * 2), length + count);
            pcm = Arrays.copyOf(pcm, capacity);
            encoded = encoded.clone();
            for (int i = 0; i < encoded.length; i++) {
                encoded[i] = Arrays.copyOf(encoded[i], capacity);
            }
        }
        System.arraycopy(samples, offset, pcm, length, count);
        for (Codec codec : Codec.values()) {
            codec.encode(samples, offset, encoded[codec.ordinal()], length, count);
        }
        written = new Written(pcm, encoded, length + count, false, null);
    }

    /** Ends the clip; no more samples come. Returns the whole clip, which {@link #done()} also gives. */
    public AudioClip finish() {
        Written now = written;
        AudioClip clip = new AudioClip(Arrays.copyOf(now.pcm(), now.length()));
        written = new Written(now.pcm(), now.encoded(), now.length(), true, null);
        done.complete(clip);
        return clip;
    }

    /** Ends the clip with an error: readers throw it, and the samples are let go. */
    public void fail(RuntimeException cause) {
        written = new Written(new short[0], new byte[Codec.values().length][0], 0, false, cause);
        done.completeExceptionally(cause);
    }

    /** The whole clip once finished, or the failure. */
    public CompletableFuture<AudioClip> done() {
        return done;
    }

    /** Where a reader stands: how many samples are there and whether more may come. */
    public record Progress(int length, boolean finished) {
    }

    /** What a reader may play now; throws the synthesis' failure once it has failed. */
    public Progress progress() {
        Written now = written;
        if (now.failure() != null) {
            throw new IllegalStateException("synthesis failed: " + now.failure().getMessage(), now.failure());
        }
        return new Progress(now.length(), now.finished());
    }

    /**
     * Copies up to {@code count} encoded samples from sample {@code from} into {@code frame} at
     * {@code offset}; returns how many. For readers; never blocks.
     */
    public int copy(Codec codec, int from, byte[] frame, int offset, int count) {
        Written now = written;
        int n = Math.max(0, Math.min(count, now.length() - from));
        System.arraycopy(now.encoded()[codec.ordinal()], from, frame, offset, n);
        return n;
    }
}
