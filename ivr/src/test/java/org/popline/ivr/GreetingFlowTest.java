package org.popline.ivr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GreetingFlowTest {

    private static final class ScriptedCall implements Call {
        final List<String> said = new ArrayList<>();
        final CompletableFuture<Void> sayResult;
        final CompletableFuture<Void> ended = new CompletableFuture<>();
        boolean hungUp;

        ScriptedCall(CompletableFuture<Void> sayResult) {
            this.sayResult = sayResult;
        }

        @Override public String callId() { return "c1"; }
        @Override public void secureDigits(boolean on) { }
        @Override public String ani() { return "+4930123"; }
        @Override public CompletableFuture<Void> say(String text, Optional<String> voice, boolean interruptible) {
            said.add(text + (interruptible ? " (interruptible)" : ""));
            return sayResult;
        }
        @Override public CompletableFuture<Void> playFile(String file, boolean loop, boolean interruptible) {
            throw new UnsupportedOperationException();
        }
        @Override public QueueEntry enqueue(QueueRequest request) { throw new UnsupportedOperationException(); }
        @Override public void screenPop(ScreenPop pop) { throw new UnsupportedOperationException(); }
        @Override public Optional<Character> nextDigit(Duration timeout) { return Optional.empty(); }
        @Override public CompletableFuture<Void> playMusic() { said.add("(music)"); return new CompletableFuture<>(); }
        @Override public CompletableFuture<Void> ended() { return ended; }
        @Override public void hangUp() { hungUp = true; ended.complete(null); }
    }

    @Test
    void speaksTheGreetingThenWaitsForTheCallerToHangUp() throws Exception {
        ScriptedCall call = new ScriptedCall(CompletableFuture.completedFuture(null));
        Thread flow = new Thread(() -> {
            try {
                new GreetingFlow("Hello caller", true, true).run(call);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        flow.start();
        flow.join(200);
        assertTrue(flow.isAlive(), "the flow must keep the call up after the greeting");
        assertEquals(List.of("Hello caller (interruptible)", "(music)"), call.said);
        call.ended.complete(null);
        flow.join(TimeUnit.SECONDS.toMillis(5));
        assertFalse(flow.isAlive());
        assertFalse(call.hungUp, "the caller hung up; the flow must not hang up itself");
    }

    @Test
    void hangsUpWhenTheGreetingCannotBePlayed() throws Exception {
        ScriptedCall call = new ScriptedCall(CompletableFuture.failedFuture(new IllegalStateException("no voice")));
        new GreetingFlow("Hello", false, true).run(call);
        assertTrue(call.hungUp);
    }
}
