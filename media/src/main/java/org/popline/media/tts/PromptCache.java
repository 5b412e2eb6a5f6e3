package org.popline.media.tts;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.popline.media.audio.AudioClip;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Synthesised prompts by (voice, text), in two tiers:
 * <ul>
 * <li><b>pinned</b>: the prompts every caller hears alike (a flow's texts that read no variable,
 * the greeting), kept for good; the flow file bounds them;</li>
 * <li><b>personalised</b>: every other text (names, case titles), bounded by bytes and evicted
 * least-recently/least-frequently used first, so customers' names do not pile up and the bound
 * never pushes out a prompt the next caller will hear anyway.</li>
 * </ul>
 * Each prompt is synthesised once even when many calls ask for it at the same moment: the first
 * caller synthesises on its own thread, the others wait for its future. A failed synthesis is not
 * cached, so a later call tries again.
 */
public final class PromptCache {

    /** About 200 personalised prompts of ten seconds (320 KB each with both G.711 encodings). */
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(PromptCache.class);

    private final Map<String, SpeechSynthesizer> synthesizers;
    private final AsyncCache<Key, AudioClip> pinned;
    private final AsyncCache<Key, AudioClip> personalised;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public PromptCache(SpeechSynthesizer... synthesizers) {
        this(DEFAULT_MAX_BYTES, synthesizers);
    }

    /** @param maxPersonalisedBytes the most the personalised tier holds ({@link AudioClip#footprintBytes()}) */
    public PromptCache(long maxPersonalisedBytes, SpeechSynthesizer... synthesizers) {
        if (maxPersonalisedBytes < 0) {
            throw new IllegalArgumentException("prompt cache bytes must be 0 or more: " + maxPersonalisedBytes);
        }
        this.synthesizers = Arrays.stream(synthesizers)
                .collect(Collectors.toUnmodifiableMap(SpeechSynthesizer::voice, Function.identity()));
        // Maintenance (eviction, dropping failed entries) runs on the calling thread: it is a few
        // map operations, and the bound then holds as soon as a get returns.
        this.pinned = Caffeine.newBuilder().executor(Runnable::run).buildAsync();
        this.personalised = Caffeine.newBuilder().executor(Runnable::run)
                .maximumWeight(maxPersonalisedBytes)
                .weigher((Key key, AudioClip clip) -> Math.toIntExact(clip.footprintBytes()))
                .buildAsync();
    }

    public Set<String> voices() {
        return synthesizers.keySet();
    }

    /** Prompts held, both tiers. */
    public int size() {
        return pinned.asMap().size() + personalised.asMap().size();
    }

    /** Bytes the personalised tier holds; at most the bound once a get has returned. */
    public long personalisedBytes() {
        return personalised.synchronous().policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    /** A prompt every caller hears alike: synthesised now unless held, and never evicted. */
    public AudioClip pin(String voice, String text) {
        return load(pinned, key(voice, text));
    }

    /** A pinned prompt, else one of the personalised tier, synthesised if neither holds it. */
    public AudioClip get(String voice, String text) {
        Key key = key(voice, text);
        CompletableFuture<AudioClip> fixed = pinned.getIfPresent(key);
        if (fixed != null) {
            hits.increment();
            return await(fixed);
        }
        return load(personalised, key);
    }

    /** Requests answered from the cache, including those that waited for another caller's synthesis. */
    public long hits() {
        return hits.sum();
    }

    /** Requests that had to synthesise (static prompts at start included). */
    public long misses() {
        return misses.sum();
    }

    private Key key(String voice, String text) {
        if (!synthesizers.containsKey(voice)) {
            throw new IllegalArgumentException("unknown voice: " + voice);
        }
        return new Key(voice, text);
    }

    private AudioClip load(AsyncCache<Key, AudioClip> tier, Key key) {
        CompletableFuture<AudioClip> mine = new CompletableFuture<>();
        CompletableFuture<AudioClip> shared = tier.get(key, (k, executor) -> mine);
        if (shared != mine) {
            hits.increment();
            return await(shared);
        }
        misses.increment();
        try {
            long start = System.nanoTime();
            AudioClip prompt = new AudioClip(synthesizers.get(key.voice()).synthesize(key.text()));
            // Personalised texts hold callers' names and cases: only pinned ones are logged in full.
            log.info("Synthesised prompt voice={} length={}ms in {}ms{}", key.voice(), prompt.duration().toMillis(),
                    (System.nanoTime() - start) / 1_000_000, tier == pinned ? ": \"" + key.text() + "\"" : "");
            mine.complete(prompt);
            return prompt;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e); // the cache drops a failed entry by itself
            throw e;
        }
    }

    private static AudioClip await(CompletableFuture<AudioClip> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private record Key(String voice, String text) {
    }
}
