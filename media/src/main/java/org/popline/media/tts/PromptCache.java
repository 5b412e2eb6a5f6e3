package org.popline.media.tts;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.popline.media.audio.AudioClip;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Synthesised prompts by (voice, text). Each prompt is synthesised once even when many
 * calls ask for it at the same moment: the first caller synthesises, the others wait
 * for its future. A failed synthesis is not cached, so a later call tries again.
 */
public final class PromptCache {

    private static final Logger log = LoggerFactory.getLogger(PromptCache.class);

    private final Map<String, SpeechSynthesizer> synthesizers;
    private final Map<Key, CompletableFuture<AudioClip>> prompts = new ConcurrentHashMap<>();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public PromptCache(SpeechSynthesizer... synthesizers) {
        this(Arrays.stream(synthesizers).collect(Collectors.toMap(SpeechSynthesizer::voice, Function.identity())));
    }

    public PromptCache(Map<String, SpeechSynthesizer> synthesizers) {
        this.synthesizers = Map.copyOf(synthesizers);
    }

    public Set<String> voices() {
        return synthesizers.keySet();
    }

    public int size() {
        return prompts.size();
    }

    public AudioClip get(String voice, String text) {
        SpeechSynthesizer synthesizer = synthesizers.get(voice);
        if (synthesizer == null) {
            throw new IllegalArgumentException("unknown voice: " + voice);
        }
        Key key = new Key(voice, text);
        CompletableFuture<AudioClip> mine = new CompletableFuture<>();
        CompletableFuture<AudioClip> existing = prompts.putIfAbsent(key, mine);
        if (existing != null) {
            hits.increment();
            return await(existing);
        }
        misses.increment();
        try {
            long start = System.nanoTime();
            AudioClip prompt = new AudioClip(synthesizer.synthesize(text));
            long took = (System.nanoTime() - start) / 1_000_000;
            // Prompts greet callers by name and read out their cases: the text is for debugging only.
            if (log.isDebugEnabled()) {
                log.debug("Synthesised prompt voice={} length={}ms in {}ms: \"{}\"", voice, prompt.duration().toMillis(),
                        took, text);
            } else {
                log.info("Synthesised prompt voice={} length={}ms in {}ms ({} characters)", voice,
                        prompt.duration().toMillis(), took, text.length());
            }
            mine.complete(prompt);
            return prompt;
        } catch (RuntimeException | Error e) {
            prompts.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** Requests answered from the cache, including those that waited for another caller's synthesis. */
    public long hits() {
        return hits.sum();
    }

    /** Requests that had to synthesise (static prompts at start included). */
    public long misses() {
        return misses.sum();
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
