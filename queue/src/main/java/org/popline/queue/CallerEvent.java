package org.popline.queue;

import java.time.Instant;
import java.util.Optional;

/**
 * A waiting caller moved on.
 *
 * @param agentId the agent offered the call or who answered it; empty for the other kinds
 */
public record CallerEvent(Kind kind, String callId, String queue, Optional<String> agentId, Instant at)
        implements AcdEvent {

    public enum Kind {
        /** Joined the queue. */
        QUEUED,
        /** An agent's phone started ringing for them (several at once in a ring-all queue). */
        OFFERED,
        /** An agent answered; the caller left the queue for that agent. */
        ANSWERED,
        /** Hung up or left the queue before an agent answered. */
        LEFT,
        /** The queue gave up on them: maximum wait passed, or the ACD closed. */
        GAVE_UP
    }
}
