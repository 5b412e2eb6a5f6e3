package org.popline.ivr;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The agents a queued caller has been offered to (their phones rung), in order, as the queue
 * reports them on its threads; the caller's flow takes them one by one to run its agent-offered handler.
 */
public final class QueueOffers {
    private final Deque<String> untaken = new ArrayDeque<>();
    private CompletableFuture<Void> arrived = new CompletableFuture<>();

    /** The queue rang {@code agentId} for this caller. */
    public synchronized void offered(String agentId) {
        untaken.add(agentId);
        arrived.complete(null);
    }

    /** The next offer not yet taken; empty when there is none. */
    public synchronized Optional<String> take() {
        String agent = untaken.poll();
        if (untaken.isEmpty() && arrived.isDone()) {
            arrived = new CompletableFuture<>();
        }
        return Optional.ofNullable(agent);
    }

    /** Completes when an offer is there to take. */
    public synchronized CompletableFuture<Void> arrived() {
        return arrived;
    }
}
