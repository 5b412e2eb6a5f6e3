package org.popline.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/** A caller in a queue, with the agents ringing for them now. Guarded by the {@link Acd}'s lock. */
final class WaitingCaller {
    /** Higher priority first, then who came first; across queues too, so priorities compare between queues. */
    static final Comparator<WaitingCaller> ORDER = Comparator.comparingInt(WaitingCaller::priority).reversed()
            .thenComparingLong(WaitingCaller::arrival);

    private final Caller caller;
    private final CallQueue queue;
    private final int priority;
    private final Optional<Agent> only;
    private final long arrival;
    private final Instant since;
    private final CompletableFuture<String> agentAnswered = new CompletableFuture<>();
    private final Map<String, Ringing> ringing = new LinkedHashMap<>();
    private ScheduledFuture<?> maxWaitTimer;

    /** @param only the one agent who may take this caller; empty: any agent of the queue */
    WaitingCaller(Caller caller, CallQueue queue, int priority, Optional<Agent> only, long arrival, Instant since) {
        this.caller = caller;
        this.queue = queue;
        this.priority = priority;
        this.only = only;
        this.arrival = arrival;
        this.since = since;
    }

    Caller caller() {
        return caller;
    }

    CallQueue queue() {
        return queue;
    }

    int priority() {
        return priority;
    }

    Optional<Agent> only() {
        return only;
    }

    long arrival() {
        return arrival;
    }

    Instant since() {
        return since;
    }

    CompletableFuture<String> agentAnswered() {
        return agentAnswered;
    }

    boolean isRinging() {
        return !ringing.isEmpty();
    }

    void ringingStarted(Ringing offer) {
        ringing.put(offer.agent().id(), offer);
    }

    /** False when the offer was no longer this caller's (withdrawn before it ended). */
    boolean ringingEnded(Ringing offer) {
        return ringing.remove(offer.agent().id(), offer);
    }

    /** The offers ringing now, in the order they started. */
    List<Ringing> ringing() {
        return new ArrayList<>(ringing.values());
    }

    void maxWaitTimer(ScheduledFuture<?> timer) {
        maxWaitTimer = timer;
    }

    void stopMaxWaitTimer() {
        maxWaitTimer.cancel(false);
    }
}
