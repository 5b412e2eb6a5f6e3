package org.popline.sip.call;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.popline.ivr.QueueEntry;
import org.popline.ivr.QueueException;
import org.popline.ivr.QueueRequest;
import org.popline.queue.CallDistributor;
import org.popline.queue.Caller;
import org.popline.queue.QueueRefusedException;
import org.popline.queue.QueueSettings;
import org.popline.queue.QueueTicket;

/**
 * Where a flow's queue-contact puts a caller: the ACD, told who is calling and which page the
 * agent will see, and how often the caller hears their position. A refusal (no such queue, queue full) becomes the flow's failure link; the
 * caller leaving cancels the ticket, which takes them out of the queue.
 */
public final class CallQueues {
    private final CallDistributor acd;
    private final Map<String, Optional<Duration>> announceEvery;

    public CallQueues(CallDistributor acd, List<QueueSettings> queues) {
        this.acd = acd;
        this.announceEvery = queues.stream().collect(Collectors.toMap(QueueSettings::name, QueueSettings::announceEvery));
    }

    QueueEntry enqueue(InboundCall call, QueueRequest request) throws QueueException {
        try {
            QueueTicket ticket = acd.enqueue(new Caller(call.callId(), call.ani(), request.callerName(),
                    request.screenPopUrl()), request.queue(), request.priority());
            return new QueueEntry(ticket.queue(), ticket.agentAnswered(), ticket::position, ticket::estimatedWait,
                    announceEvery.getOrDefault(ticket.queue(), Optional.empty()));
        } catch (QueueRefusedException e) {
            throw new QueueException(e.getMessage());
        }
    }
}
