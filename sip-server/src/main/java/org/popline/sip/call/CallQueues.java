package org.popline.sip.call;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.popline.ivr.QueueEntry;
import org.popline.ivr.QueueException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where queue-contact puts callers until the ACD (agents, routing, bridging) is built: every queue
 * name is accepted and callers wait, hearing what the flow plays, until they hang up. Nobody
 * answers yet, so the agent-answered event never fires on a real call; {@link #waiting()} shows
 * who is queued.
 */
public final class CallQueues {
    private static final Logger log = LoggerFactory.getLogger(CallQueues.class);

    private final Map<String, String> waitingByCall = new ConcurrentHashMap<>();

    QueueEntry enqueue(String callId, String queue, int priority) throws QueueException {
        if (queue.isBlank()) {
            throw new QueueException("no queue named");
        }
        CompletableFuture<String> answered = new CompletableFuture<>();
        waitingByCall.put(callId, queue);
        answered.whenComplete((agent, error) -> waitingByCall.remove(callId));
        log.info("queued in '{}' with priority {} (no agents: the ACD is not built yet)", queue, priority);
        return new QueueEntry(queue, answered);
    }

    /** Call id to queue name of every caller waiting now. */
    public Map<String, String> waiting() {
        return Map.copyOf(waitingByCall);
    }
}
