package org.popline.media.tts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.popline.media.audio.AudioClip;
import org.popline.media.audio.GrowingClip;
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
 * A prompt not held is streamed: the first call to ask for it synthesises it on its own thread
 * while it already plays, and calls asking for the same text meanwhile play the same stream, so
 * each prompt is synthesised once at a time. The whole clip is cached once done; a failed synthesis
 * is not cached, so a later call tries again.
 */
public final class PromptCache {

    /** About 200 personalised prompts of ten seconds (320 KB each with both G.711 encodings). */
    public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(PromptCache.class);

    private final Map<String, SpeechSynthesizer> synthesizers;
    private final Tier pinned;
    private final Tier personalised;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder underruns = new LongAdder();
    private volatile FirstFrameListener firstFrames = FirstFrameListener.NONE;

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
        // Maintenance (eviction) runs on the calling thread: it is a few map operations, and the
        // bound then holds as soon as a get returns.
        this.pinned = new Tier(Caffeine.newBuilder().executor(Runnable::run).build(), true);
        this.personalised = new Tier(Caffeine.newBuilder().executor(Runnable::run)
                .maximumWeight(maxPersonalisedBytes)
                .weigher((Key key, AudioClip clip) -> Math.toIntExact(clip.footprintBytes()))
                .build(), false);
    }

    /** Who hears how long callers waited for prompts' first audio; one listener, the last set. */
    public void listen(FirstFrameListener listener) {
        this.firstFrames = listener;
    }

    public Set<String> voices() {
        return synthesizers.keySet();
    }

    /** Prompts held, both tiers. */
    public int size() {
        return pinned.held.asMap().size() + personalised.held.asMap().size();
    }

    /** Bytes the personalised tier holds; at most the bound once a get has returned. */
    public long personalisedBytes() {
        return personalised.held.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    /** A prompt every caller hears alike: synthesised now unless held, and never evicted. */
    public AudioClip pin(String voice, String text) {
        SpokenPrompt prompt = pinned.open(key(voice, text));
        prompt.synthesise();
        return prompt.clip();
    }

    /** The whole of a pinned prompt, else one of the personalised tier, synthesised if neither holds it. */
    public AudioClip get(String voice, String text) {
        SpokenPrompt prompt = prompt(voice, text);
        prompt.synthesise();
        return prompt.clip();
    }

    /**
     * A pinned prompt, else one of the personalised tier; one that is not held comes as a stream to
     * play at once, and the caller then runs {@link SpokenPrompt#synthesise()}.
     */
    public SpokenPrompt prompt(String voice, String text) {
        Key key = key(voice, text);
        AudioClip fixed = pinned.held.getIfPresent(key);
        if (fixed != null) {
            hits.increment();
            return SpokenPrompt.held(fixed, firstFrames);
        }
        return personalised.open(key);
    }

    /** Requests answered from the cache, including those that played another caller's synthesis in progress. */
    public long hits() {
        return hits.sum();
    }

    /** Requests that had to synthesise (static prompts at start included). */
    public long misses() {
        return misses.sum();
    }

    /** 20 ms frames of streamed prompts sent as silence because the synthesis had fallen behind the playing. */
    public long underruns() {
        return underruns.sum();
    }

    private Key key(String voice, String text) {
        if (!synthesizers.containsKey(voice)) {
            throw new IllegalArgumentException("unknown voice: " + voice);
        }
        return new Key(voice, text);
    }

    /** The prompts of one tier: those held whole, and those being synthesised. */
    private final class Tier {
        private final Cache<Key, AudioClip> held;
        private final ConcurrentMap<Key, GrowingClip> making = new ConcurrentHashMap<>();
        private final boolean logText;

        Tier(Cache<Key, AudioClip> held, boolean logText) {
            this.held = held;
            this.logText = logText;
        }

        SpokenPrompt open(Key key) {
            AudioClip clip = held.getIfPresent(key);
            if (clip == null) {
                GrowingClip fresh = new GrowingClip();
                GrowingClip running = making.putIfAbsent(key, fresh);
                if (running != null) {
                    hits.increment();
                    return SpokenPrompt.sharing(running, underruns, firstFrames);
                }
                // A synthesis that ended since the look-up cached its clip before letting go of its claim.
                clip = held.getIfPresent(key);
                if (clip == null) {
                    misses.increment();
                    return SpokenPrompt.making(fresh, () -> synthesise(key, fresh), underruns, firstFrames);
                }
                making.remove(key, fresh);
            }
            hits.increment();
            return SpokenPrompt.held(clip, firstFrames);
        }

        private void synthesise(Key key, GrowingClip stream) {
            long start = System.nanoTime();
            long[] firstAudio = {0};
            try {
                synthesizers.get(key.voice()).stream(key.text(), pcm -> {
                    if (firstAudio[0] == 0) {
                        firstAudio[0] = System.nanoTime();
                    }
                    stream.append(pcm, 0, pcm.length);
                });
                AudioClip clip = stream.finish();
                held.put(key, clip);
                // Personalised texts hold callers' names and cases: only pinned ones are logged in full.
                log.info("Synthesised prompt voice={} length={}ms in {}ms, first audio after {}ms{}", key.voice(),
                        clip.duration().toMillis(), (System.nanoTime() - start) / 1_000_000,
                        firstAudio[0] == 0 ? 0 : (firstAudio[0] - start) / 1_000_000,
                        logText ? ": \"" + key.text() + "\"" : "");
            } catch (RuntimeException e) {
                stream.fail(e);
            } catch (Error e) {
                stream.fail(new IllegalStateException("synthesis failed", e));
                throw e;
            } finally {
                making.remove(key, stream);
            }
        }
    }

    private record Key(String voice, String text) {
    }
}
