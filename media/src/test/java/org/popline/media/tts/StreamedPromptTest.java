package org.popline.media.tts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.popline.media.audio.AudioClip;
import org.popline.media.codec.Codec;
import org.popline.media.source.AudioSource;

/**
 * Prompts play while FreeTTS still speaks them: a synthesizer that holds FreeTTS after its first
 * piece of audio shows the order of events without measuring any time.
 */
class StreamedPromptTest {

    private static final String LONG_TEXT = "Hello Michael Brown. Your latest case, number C A S, 0 1 0 2 5, "
            + "2 0 5 C O 0, is about Phone line has static noise. Press 1 to speak to an agent.";

    private static FreeTtsSynthesizer kevin;
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    /** FreeTTS, held after its first piece of audio until released, and failing after it if asked; counts syntheses. */
    private static final class HeldAfterFirstPiece implements SpeechSynthesizer {
        final CountDownLatch firstPiece = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger syntheses = new AtomicInteger();
        final boolean failAfterFirstPiece;

        HeldAfterFirstPiece(boolean failAfterFirstPiece) {
            this.failAfterFirstPiece = failAfterFirstPiece;
        }

        @Override
        public String voice() {
            return "kevin";
        }

        @Override
        public short[] synthesize(String text) {
            throw new AssertionError("the cache must stream");
        }

        @Override
        public void stream(String text, Consumer<short[]> sink) {
            syntheses.incrementAndGet();
            kevin.stream(text, pcm -> {
                if (firstPiece.getCount() > 0) {
                    sink.accept(pcm);
                    firstPiece.countDown();
                    await(release);
                } else if (!failAfterFirstPiece) {
                    sink.accept(pcm);
                }
            });
            if (failAfterFirstPiece) {
                throw new IllegalStateException("the voice broke");
            }
        }
    }

    @BeforeAll
    static void loadVoice() {
        kevin = new FreeTtsSynthesizer();
    }

    @AfterAll
    static void forget() {
        kevin = null;
    }

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void theFirstFramePlaysBeforeTheSynthesisEndsAndTheWholePromptFollows() throws Exception {
        HeldAfterFirstPiece synth = new HeldAfterFirstPiece(false);
        PromptCache cache = new PromptCache(synth);
        SpokenPrompt prompt = cache.prompt("kevin", LONG_TEXT);
        assertTrue(prompt.streamed());
        AudioSource source = prompt.source();
        Future<?> synthesis = synthesiseUntilFirstPiece(prompt, synth);

        ByteArrayOutputStream heard = new ByteArrayOutputStream();
        byte[] frame = new byte[160];
        assertTrue(source.read(Codec.PCMU, frame));
        assertFalse(source.waiting(), "the first piece is enough to start");
        heard.write(frame);
        assertFalse(synthesis.isDone(), "the synthesis has not ended");
        assertEquals(0, cache.size(), "nothing is cached before the prompt is whole");

        synth.release.countDown();
        synthesis.get(30, TimeUnit.SECONDS);
        while (source.read(Codec.PCMU, frame)) {
            heard.write(frame);
        }
        AudioClip whole = cache.get("kevin", LONG_TEXT);
        assertEquals(1, synth.syntheses.get(), "the cached clip is the one streamed");
        byte[] expected = whole.encoded(Codec.PCMU);
        byte[] played = heard.toByteArray();
        assertTrue(whole.duration().toMillis() > 5000, "a long text: " + whole.duration());
        assertArrayEquals(expected, Arrays.copyOf(played, expected.length), "every sample, in order");
        for (int i = expected.length; i < played.length; i++) {
            assertEquals(Codec.PCMU.silence(), played[i], "only the last frame's padding follows");
        }
        assertEquals(0, cache.underruns());
    }

    @Test
    void callsAskingForOneTextMeanwhileShareOneSynthesis() throws Exception {
        HeldAfterFirstPiece synth = new HeldAfterFirstPiece(false);
        PromptCache cache = new PromptCache(synth);
        SpokenPrompt first = cache.prompt("kevin", LONG_TEXT);
        Future<?> synthesis = synthesiseUntilFirstPiece(first, synth);

        SpokenPrompt second = cache.prompt("kevin", LONG_TEXT);
        assertTrue(second.streamed(), "the second call plays the stream in progress");
        second.synthesise();
        assertFalse(synthesis.isDone(), "the second call did not wait for the synthesis");
        AudioSource secondSource = second.source();
        byte[] frame = new byte[160];
        assertTrue(secondSource.read(Codec.PCMU, frame));
        assertFalse(secondSource.waiting(), "it starts on what the first call's synthesis has made");

        synth.release.countDown();
        synthesis.get(30, TimeUnit.SECONDS);
        assertSame(first.clip(), second.clip());
        assertFalse(cache.prompt("kevin", LONG_TEXT).streamed(), "a later call gets the cached clip");
        assertEquals(1, synth.syntheses.get());
        assertEquals(1, cache.misses());
        assertEquals(2, cache.hits());
    }

    @Test
    void aFailureMidSynthesisFailsThePlayersAndIsNotCached() throws Exception {
        HeldAfterFirstPiece synth = new HeldAfterFirstPiece(true);
        PromptCache cache = new PromptCache(synth);
        SpokenPrompt prompt = cache.prompt("kevin", LONG_TEXT);
        AudioSource source = prompt.source();
        Future<?> synthesis = synthesiseUntilFirstPiece(prompt, synth);
        byte[] frame = new byte[160];
        assertTrue(source.read(Codec.PCMU, frame), "plays what was made before the failure");

        synth.release.countDown();
        synthesis.get(30, TimeUnit.SECONDS);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> source.read(Codec.PCMU, frame));
        assertTrue(e.getMessage().contains("the voice broke"), e.getMessage());
        assertThrows(IllegalStateException.class, prompt::clip);
        assertEquals(0, cache.size());
        assertTrue(cache.prompt("kevin", LONG_TEXT).streamed(), "a later call synthesises again");
    }

    /** Runs the prompt's synthesis on another thread, as a call's flow thread would, and waits for its first piece. */
    private Future<?> synthesiseUntilFirstPiece(SpokenPrompt prompt, HeldAfterFirstPiece synth) throws InterruptedException {
        Future<?> synthesis = pool.submit(prompt::synthesise);
        assertTrue(synth.firstPiece.await(30, TimeUnit.SECONDS), "FreeTTS made a first piece");
        return synthesis;
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
