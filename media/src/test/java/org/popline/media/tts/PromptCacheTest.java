package org.popline.media.tts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.popline.media.audio.AudioClip;

class PromptCacheTest {

    /** Counts calls; optionally holds every synthesis until released. */
    private static final class CountingSynthesizer implements SpeechSynthesizer {
        final AtomicInteger calls = new AtomicInteger();
        final CountDownLatch release;
        private final String voice;

        CountingSynthesizer(String voice, CountDownLatch release) {
            this.voice = voice;
            this.release = release;
        }

        @Override
        public String voice() {
            return voice;
        }

        @Override
        public short[] synthesize(String text) {
            calls.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (text.equals("fail")) {
                throw new IllegalStateException("cannot say it");
            }
            return new short[text.length() * 80];
        }
    }

    @Test
    void countsHitsAndMisses() {
        PromptCache cache = new PromptCache(new CountingSynthesizer("kevin", new CountDownLatch(0)));
        cache.get("kevin", "Welcome");
        cache.get("kevin", "Welcome");
        cache.get("kevin", "Welcome");
        cache.get("kevin", "Goodbye");
        assertEquals(2, cache.hits());
        assertEquals(2, cache.misses());
    }

    @Test
    void sameKeyGivesTheSamePromptAndSynthesisesOnce() {
        CountingSynthesizer synth = new CountingSynthesizer("kevin", new CountDownLatch(0));
        PromptCache cache = new PromptCache(synth);
        AudioClip first = cache.get("kevin", "Welcome");
        assertSame(first, cache.get("kevin", "Welcome"));
        assertNotSame(first, cache.get("kevin", "Goodbye"));
        assertEquals(2, synth.calls.get());
        assertEquals(2, cache.size());
    }

    @Test
    void concurrentRequestsForOneKeyShareOneSynthesis() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountingSynthesizer synth = new CountingSynthesizer("kevin", release);
        PromptCache cache = new PromptCache(synth);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<AudioClip>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> cache.get("kevin", "Please hold")));
            }
            release.countDown();
            AudioClip expected = results.get(0).get(10, TimeUnit.SECONDS);
            for (Future<AudioClip> result : results) {
                assertSame(expected, result.get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, synth.calls.get());
    }

    @Test
    void personalisedPromptsStayWithinTheByteBound() {
        CountingSynthesizer synth = new CountingSynthesizer("kevin", new CountDownLatch(0));
        long bound = 10 * promptBytes("Hello caller 00");
        PromptCache cache = new PromptCache(bound, synth);
        for (int i = 0; i < 50; i++) {
            cache.get("kevin", String.format("Hello caller %02d", i));
            assertTrue(cache.personalisedBytes() <= bound, cache.personalisedBytes() + " > " + bound + " after " + i);
        }
        assertEquals(50, synth.calls.get());
        assertTrue(cache.size() <= 10, "held " + cache.size());
        assertTrue(cache.personalisedBytes() >= bound - 2 * promptBytes("Hello caller 00"), "the bound is used, not just kept");
    }

    @Test
    void personalisedPromptsAreEvictedBeforePinnedOnes() {
        CountingSynthesizer synth = new CountingSynthesizer("kevin", new CountDownLatch(0));
        PromptCache cache = new PromptCache(5 * promptBytes("Hello caller 00"), synth);
        AudioClip menu = cache.pin("kevin", "Press 1 for an agent");
        AudioClip firstCaller = cache.get("kevin", "Hello caller 00");
        for (int i = 1; i < 40; i++) {
            cache.get("kevin", String.format("Hello caller %02d", i));
        }
        int synthesised = synth.calls.get();
        assertSame(menu, cache.get("kevin", "Press 1 for an agent"), "the pinned prompt is kept");
        assertEquals(synthesised, synth.calls.get(), "the pinned prompt was not synthesised again");
        assertNotSame(firstCaller, cache.get("kevin", "Hello caller 00"), "the oldest personalised prompt went");
        assertEquals(synthesised + 1, synth.calls.get());
    }

    @Test
    void concurrentPinsOfOneTextShareOneSynthesis() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountingSynthesizer synth = new CountingSynthesizer("kevin", release);
        PromptCache cache = new PromptCache(0, synth);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<AudioClip>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> cache.pin("kevin", "Welcome")));
                results.add(pool.submit(() -> cache.get("kevin", "Welcome")));
            }
            release.countDown();
            AudioClip pinned = results.get(0).get(10, TimeUnit.SECONDS);
            for (int i = 0; i < results.size(); i += 2) {
                assertSame(pinned, results.get(i).get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertSame(cache.pin("kevin", "Welcome"), cache.get("kevin", "Welcome"));
    }

    @Test
    void unknownVoiceIsNamed() {
        PromptCache cache = new PromptCache(new CountingSynthesizer("kevin", new CountDownLatch(0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cache.get("alan", "Hi"));
        assertTrue(e.getMessage().contains("alan"), e.getMessage());
    }

    @Test
    void failedSynthesisIsNotCached() {
        CountingSynthesizer synth = new CountingSynthesizer("kevin", new CountDownLatch(0));
        PromptCache cache = new PromptCache(synth);
        assertThrows(IllegalStateException.class, () -> cache.get("kevin", "fail"));
        assertThrows(IllegalStateException.class, () -> cache.get("kevin", "fail"));
        assertEquals(2, synth.calls.get());
        assertEquals(0, cache.size());
        assertThrows(IllegalStateException.class, () -> cache.pin("kevin", "fail"));
        assertEquals(3, synth.calls.get());
        assertEquals(0, cache.size());
    }

    private static long promptBytes(String text) {
        return new AudioClip(new short[text.length() * 80]).footprintBytes();
    }
}
