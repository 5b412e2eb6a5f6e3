package org.popline.sip.call;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.popline.ivr.QueueEntry;
import org.popline.ivr.QueueException;
import org.popline.ivr.QueueOffers;
import org.popline.ivr.QueueRequest;
import org.popline.ivr.QueueStatus;
import org.popline.queue.CallDistributor;
import org.popline.queue.Caller;
import org.popline.queue.CallerEvent;
import org.popline.queue.QueueOutlook;
import org.popline.queue.QueueRefusedException;
import org.popline.queue.QueueSettings;
import org.popline.queue.QueueTicket;

/**
 * Where a flow's queue-contact puts a caller: the ACD, told who is calling, which page the agent
 * will see and, for a queue-to-agent, the one agent who may take the call; how often the caller
 * hears their position; and which agents the ACD rings for them. A refusal (no such queue or
 * agent, queue full) becomes the flow's failure link; the caller leaving cancels the ticket,
 * which takes them out of the queue.
 */
public final class CallQueues {
    private final CallDistributor acd;
    private final Map<String, Optional<Duration>> announceEvery;
    /** The offers of each caller waiting now, by Call-ID. */
    private final Map<String, QueueOffers> offersByCall = new ConcurrentHashMap<>();
    private final Map<String, String> agentIdsByEmail;

    public CallQueues(CallDistributor acd, List<QueueSettings> queues) {
        this(acd, queues, Map.of());
    }

    /** @param agentIdsByEmail configured agents' ids by their e-mail address, lower case: a flow may name an agent by either */
    public CallQueues(CallDistributor acd, List<QueueSettings> queues, Map<String, String> agentIdsByEmail) {
        this.acd = acd;
        this.agentIdsByEmail = Map.copyOf(agentIdsByEmail);
        this.announceEvery = queues.stream().collect(Collectors.toMap(QueueSettings::name, QueueSettings::announceEvery));
        acd.addListener(event -> {
            if (event instanceof CallerEvent e && e.kind() == CallerEvent.Kind.OFFERED) {
                QueueOffers offers = offersByCall.get(e.callId());
                if (offers != null) {
                    e.agentId().ifPresent(offers::offered);
                }
            }
        });
    }

    QueueEntry enqueue(InboundCall call, QueueRequest request) throws QueueException {
        Optional<String> onlyAgent = agentId(request.agent());
        QueueOffers offers = new QueueOffers();
        // Known before the ACD hears of the caller: an agent may be rung before enqueue returns.
        offersByCall.put(call.callId(), offers);
        try {
            QueueTicket ticket = acd.enqueue(new Caller(call.callId(), call.ani(), request.callerName(),
                    request.screenPopUrl()), request.queue(), request.priority(), onlyAgent);
            ticket.agentAnswered().whenComplete((agent, error) -> offersByCall.remove(call.callId(), offers));
            return new QueueEntry(ticket.queue(), ticket.agentAnswered(), ticket::position, ticket::estimatedWait,
                    announceEvery.getOrDefault(ticket.queue(), Optional.empty()), offers);
        } catch (QueueRefusedException e) {
            offersByCall.remove(call.callId(), offers);
            throw new QueueException(e.getMessage());
        } catch (RuntimeException e) {
            offersByCall.remove(call.callId(), offers);
            throw e;
        }
    }

    /**
     * The agent a request names: the one with that e-mail, else the one with that id. A name that is
     * neither is refused by the ACD, and the flow takes its failure link (Webex's error port).
     */
    private Optional<String> agentId(Optional<String> named) {
        return named.map(n -> agentIdsByEmail.getOrDefault(n.trim().toLowerCase(Locale.ROOT), n));
    }

    QueueStatus status(String queue) throws QueueException {
        try {
            QueueOutlook outlook = acd.outlook(queue, 0);
            return new QueueStatus(outlook.position(), outlook.estimatedWait());
        } catch (QueueRefusedException e) {
            throw new QueueException(e.getMessage());
        }
    }
}
