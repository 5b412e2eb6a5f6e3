package org.popline.ivr.digits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.popline.ivr.Call;
import org.popline.ivr.QueueEntry;
import org.popline.ivr.QueueRequest;
import org.popline.ivr.ScreenPop;

class DigitSourceTest {

    /** A call whose keys have run out; only {@link #ended} tells a hang-up from silence. */
    private static final class SilentCall implements Call {
        final CompletableFuture<Void> ended = new CompletableFuture<>();

        @Override public String callId() { return "c1"; }
        @Override public void secureDigits(boolean on) { }
        @Override public String ani() { return "+4930123"; }
        @Override public CompletableFuture<Void> say(String text, Optional<String> voice, boolean interruptible) {
            return CompletableFuture.completedFuture(null);
        }
        @Override public CompletableFuture<Void> playFile(String file, boolean loop, boolean interruptible) {
            return CompletableFuture.completedFuture(null);
        }
        @Override public QueueEntry enqueue(QueueRequest request) { throw new UnsupportedOperationException(); }
        @Override public void screenPop(ScreenPop pop) { throw new UnsupportedOperationException(); }
        @Override public CompletableFuture<Void> playMusic() { return new CompletableFuture<>(); }
        @Override public Optional<Character> nextDigit(Duration timeout) { return Optional.empty(); }
        @Override public CompletableFuture<Void> ended() { return ended; }
        @Override public void hangUp() { ended.complete(null); }
    }

    private static final CollectSpec ONE_KEY = CollectSpec.menu(Set.of('1'), Duration.ofSeconds(5));

    @Test
    void callSourceReportsEndedOnceTheCallHasEnded() throws Exception {
        SilentCall call = new SilentCall();
        call.hangUp();

        assertEquals(new CollectResult.Ended(), new DigitCollector().collect(DigitSource.of(call), ONE_KEY));
    }

    @Test
    void callSourceReportsSilenceWhileTheCallIsUp() throws Exception {
        assertEquals(new CollectResult.TimedOut(""),
                new DigitCollector().collect(DigitSource.of(new SilentCall()), ONE_KEY));
    }
}
