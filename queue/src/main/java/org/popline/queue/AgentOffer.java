package org.popline.queue;

import java.util.concurrent.CompletableFuture;

/** A call being offered to one agent's phone. */
public interface AgentOffer {

    /** Completes once with how ringing ended; never exceptionally. */
    CompletableFuture<RingResult> result();

    /** Withdraws the offer if it is still ringing (the result becomes CANCELLED); does nothing after the result. */
    void cancel();
}
