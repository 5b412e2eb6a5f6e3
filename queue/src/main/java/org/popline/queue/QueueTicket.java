package org.popline.queue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A caller's place in a queue, as the caller's flow sees it. */
public interface QueueTicket {

    String queue();

    /**
     * Completes with the id of the agent who answered (the dialer has bridged the call by then);
     * exceptionally with a {@link QueueGaveUpException} when the queue gives up. The caller's side
     * cancels it ({@code cancel(false)}) when the caller hangs up or leaves the queue: the ACD then
     * takes them out of the queue and withdraws any offer ringing for them.
     */
    CompletableFuture<String> agentAnswered();

    /** 1-based place among the callers waiting in the queue (kept while an agent rings); 0 once no longer waiting. */
    int position();

    /** How long until an agent answers, from recent calls of the queue; empty when there is too little to go on. */
    Optional<Duration> estimatedWait();
}
