package org.popline.sip.call;

import org.popline.ivr.QueueEntry;
import org.popline.ivr.QueueException;
import org.popline.ivr.QueueRequest;
import org.popline.queue.Acd;
import org.popline.queue.Caller;
import org.popline.queue.QueueRefusedException;
import org.popline.queue.QueueTicket;

/**
 * Where a flow's queue-contact puts a caller: the ACD, told who is calling and which page the
 * agent will see. A refusal (no such queue, queue full) becomes the flow's failure link; the
 * caller leaving cancels the ticket, which takes them out of the queue.
 */
public final class CallQueues {
    private final Acd acd;

    public CallQueues(Acd acd) {
        this.acd = acd;
    }

    QueueEntry enqueue(InboundCall call, QueueRequest request) throws QueueException {
        try {
            QueueTicket ticket = acd.enqueue(new Caller(call.callId(), call.ani(), request.callerName(),
                    request.screenPopUrl()), request.queue(), request.priority());
            return new QueueEntry(ticket.queue(), ticket.agentAnswered());
        } catch (QueueRefusedException e) {
            throw new QueueException(e.getMessage());
        }
    }
}
