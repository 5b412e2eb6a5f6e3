package org.popline.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A dialer whose phones ring until the test says how each ring ends. Withdrawing an offer ends it
 * CANCELLED at once, as a dialer does when the phone's 487 comes back, unless the test asks to
 * confirm cancellations itself.
 */
final class ScriptedDialer implements AgentDialer {

    final class Ring implements AgentOffer {
        final String agentId;
        final Caller caller;
        final Duration ringTimeout;
        private final CompletableFuture<RingResult> result;
        private volatile boolean cancelRequested;

        Ring(String agentId, Caller caller, Duration ringTimeout, CompletableFuture<RingResult> result) {
            this.agentId = agentId;
            this.caller = caller;
            this.ringTimeout = ringTimeout;
            this.result = result;
        }

        @Override
        public CompletableFuture<RingResult> result() {
            return result;
        }

        @Override
        public void cancel() {
            cancelRequested = true;
            if (cancelsConfirmed) {
                result.complete(RingResult.CANCELLED);
            }
        }

        boolean cancelRequested() {
            return cancelRequested;
        }

        boolean isRinging() {
            return !result.isDone();
        }

        void answer() {
            end(RingResult.ANSWERED);
        }

        void end(RingResult how) {
            assertTrue(result.complete(how), () -> "the ring of " + agentId + " had already ended " + result.join());
        }

    }

    private final List<Ring> rings = new ArrayList<>();
    private final Set<String> unreachable = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelsConfirmed = true;
    private volatile Consumer<Ring> onEveryRing = ring -> { };

    @Override
    public AgentOffer ring(String agentId, Caller caller, Duration ringTimeout) {
        if (unreachable.contains(agentId)) {
            throw new IllegalStateException("no registered contact for " + agentId);
        }
        Ring ring = new Ring(agentId, caller, ringTimeout, new CompletableFuture<>());
        synchronized (this) {
            rings.add(ring);
        }
        onEveryRing.accept(ring);
        return ring;
    }

    /** From now on cancel() only records the request; the test ends the ring when it chooses. */
    void confirmCancellationsByHand() {
        cancelsConfirmed = false;
    }

    /** Runs on the ACD's thread before ring() returns, e.g. to answer at once. */
    void onEveryRing(Consumer<Ring> hook) {
        onEveryRing = hook;
    }

    /** From now on ring() for this agent throws. */
    void makeUnreachable(String agentId) {
        unreachable.add(agentId);
    }

    synchronized List<Ring> rings() {
        return List.copyOf(rings);
    }

    /** The one ring still going on for this agent. */
    synchronized Ring ringing(String agentId) {
        List<Ring> ringing = rings.stream().filter(ring -> ring.agentId.equals(agentId) && ring.isRinging()).toList();
        assertEquals(1, ringing.size(), () -> "rings going on for " + agentId + ": " + ringing.size());
        return ringing.get(0);
    }

    /** The agents whose phones ring now, in the order ringing started. */
    synchronized List<String> ringingAgents() {
        return rings.stream().filter(Ring::isRinging).map(ring -> ring.agentId).toList();
    }
}
