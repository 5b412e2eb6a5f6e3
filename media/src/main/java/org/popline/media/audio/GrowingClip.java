package org.popline.media.audio;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.popline.media.codec.Codec;

/**
 * A clip still being made (a prompt while it is synthesised): one writer appends samples, and any
 * number of readers play what is there meanwhile, each at its own place. The G.711 encodings are
 * made as the samples arrive, so readers on the media clock only copy bytes.
 *
 * <p>Samples are kept in chunks of one second that are never copied or resized: a prompt lives as long
 * as the call playing it, so every array made here is one the collector would otherwise copy again and
 * again while the call lasts. Once the clip is finished only the encodings stay, for the readers; the
 * samples go to the {@link AudioClip} that {@link #finish()} returns.
 *
 * <p>The writer fills the chunks beyond the published length and then publishes a new {@link Written}
 * (a volatile write), so a reader sees every sample up to the length it read; when more chunks are
 * needed, the old chunk tables stay valid for readers still holding them.
 */
public final class GrowingClip {

    static final int CHUNK_SAMPLES = AudioClip.SAMPLE_RATE;
    private static final Codec[] CODECS = Codec.values();

    /**
     * What has been written: chunks hold at least {@code length} samples, which never change after;
     * {@code pcm} is null once finished. Encoded chunks are indexed by codec, then chunk.
     */
    private record Written(short[][] pcm, byte[][][] encoded, int length, boolean finished, RuntimeException failure) {
    }

    private final CompletableFuture<AudioClip> done = new CompletableFuture<>();
    private volatile Written written = nothing(null);

    private static Written nothing(RuntimeException failure) {
        return new Written(new short[0][], new byte[CODECS.length][0][], 0, false, failure);
    }

    /** Appends samples; for the one writer only. */
    public void append(short[] samples, int offset, int count) {
        Written now = written;
        if (now.finished() || now.failure() != null) {
            throw new IllegalStateException("the clip is already " + (now.finished() ? "finished" : "failed"));
        }
        short[][] pcm = now.pcm();
        byte[][][] encoded = now.encoded();
        int length = now.length();
        int chunksNeeded = (length + count + CHUNK_SAMPLES - 1) / CHUNK_SAMPLES;
        if (chunksNeeded > pcm.length) {
            pcm = Arrays.copyOf(pcm, chunksNeeded);
            encoded = encoded.clone();
            for (int c = 0; c < encoded.length; c++) {
                encoded[c] = Arrays.copyOf(encoded[c], chunksNeeded);
            }
            for (int chunk = now.pcm().length; chunk < chunksNeeded; chunk++) {
                pcm[chunk] = new short[CHUNK_SAMPLES];
                for (byte[][] codecChunks : encoded) {
                    codecChunks[chunk] = new byte[CHUNK_SAMPLES];
                }
            }
        }
        int at = length;
        int from = offset;
        int left = count;
        while (left > 0) {
            int chunk = at / CHUNK_SAMPLES;
            int within = at % CHUNK_SAMPLES;
            int n = Math.min(left, CHUNK_SAMPLES - within);
            System.arraycopy(samples, from, pcm[chunk], within, n);
            for (Codec codec : CODECS) {
                codec.encode(samples, from, encoded[codec.ordinal()][chunk], within, n);
            }
            at += n;
            from += n;
            left -= n;
        }
        written = new Written(pcm, encoded, length + count, false, null);
    }

    /** Ends the clip; no more samples come. Returns the whole clip, which {@link #done()} also gives. */
    public AudioClip finish() {
        Written now = written;
        short[] whole = new short[now.length()];
        for (int at = 0; at < whole.length; at += CHUNK_SAMPLES) {
            System.arraycopy(now.pcm()[at / CHUNK_SAMPLES], 0, whole, at, Math.min(CHUNK_SAMPLES, whole.length - at));
        }
        AudioClip clip = AudioClip.adopt(whole);
        written = new Written(null, now.encoded(), now.length(), true, null);
        done.complete(clip);
        return clip;
    }

    /** Ends the clip with an error: readers throw it, and the samples are let go. */
    public void fail(RuntimeException cause) {
        written = nothing(cause);
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
        int total = Math.max(0, Math.min(count, now.length() - from));
        byte[][] chunks = now.encoded()[codec.ordinal()];
        int copied = 0;
        while (copied < total) {
            int at = from + copied;
            int n = Math.min(total - copied, CHUNK_SAMPLES - at % CHUNK_SAMPLES);
            System.arraycopy(chunks[at / CHUNK_SAMPLES], at % CHUNK_SAMPLES, frame, offset + copied, n);
            copied += n;
        }
        return copied;
    }
}
