package org.popline.ivr;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * A caller waiting in a queue.
 *
 * @param agentAnswered completes with the agent's id when an agent answers; exceptionally with a
 *     {@link QueueException} when the queue gives up (maximum wait); cancelled if the call ends first
 * @param position the caller's place in the queue now (1 is next), 0 when no longer waiting
 * @param estimatedWait how long the caller will likely wait still; empty when the queue knows too little
 * @param announceEvery how often the caller is told their position and wait; empty: never
 * @param offers the agents the queue has offered the caller to so far
 */
public record QueueEntry(String queue, CompletableFuture<String> agentAnswered, IntSupplier position,
        Supplier<Optional<Duration>> estimatedWait, Optional<Duration> announceEvery, QueueOffers offers) {

    /** An entry whose offers are not reported. */
    public QueueEntry(String queue, CompletableFuture<String> agentAnswered, IntSupplier position,
            Supplier<Optional<Duration>> estimatedWait, Optional<Duration> announceEvery) {
        this(queue, agentAnswered, position, estimatedWait, announceEvery, new QueueOffers());
    }

    /** An entry whose queue announces nothing. */
    public QueueEntry(String queue, CompletableFuture<String> agentAnswered) {
        this(queue, agentAnswered, () -> 0, Optional::empty, Optional.empty());
    }
}
