package org.popline.sip.agent;

import java.util.Optional;
import org.popline.queue.Caller;

/** Hears which caller an agent's phone is about to ring for, so the agent's page can show who it is. */
@FunctionalInterface
public interface OfferListener {

    /**
     * @param queue the queue the caller waits in
     * @param caseNumber the caller's case, when the flow named one
     */
    void offered(String agentId, Caller caller, String queue, Optional<String> caseNumber);
}
