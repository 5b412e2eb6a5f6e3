package org.popline.sip.call;

import java.time.Instant;
import java.util.Optional;

/**
 * What signalling knows of a call once it is over and its flow has finished: one half of its call
 * detail record (the flow's report is the other).
 *
 * @param answeredAt when Popline sent 200 OK; empty if it never did
 * @param queue the last queue the flow put the caller in, with when and how it went
 */
public record EndedCall(String callId, String ani, Instant startedAt, Optional<Instant> answeredAt, Instant endedAt,
        String digits, Optional<QueueStay> queue, EndedBy endedBy, String reason) {

    /**
     * A caller's time in a queue.
     *
     * @param leftAt when an agent answered or the caller left the queue; empty if still queued when the call ended
     * @param agent who answered, if anyone did
     */
    public record QueueStay(String queue, Instant queuedAt, Optional<Instant> leftAt, Optional<String> agent) {
    }
}
