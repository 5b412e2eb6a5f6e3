package org.popline.queue;

import java.util.List;
import java.util.Optional;

/**
 * What the rest of Popline asks of an ACD: put callers in queues, hear what agents and their phones
 * do, and show the queues and agents. {@link Acd} fills it in one process's memory; a shared
 * implementation (the {@code cluster} module, Redis) fills it for several nodes.
 *
 * <p>Every method may be called from any thread. Agent ids are those of the configured
 * {@link AgentProfile}s; an unknown id is an {@link IllegalArgumentException}.
 */
public interface CallDistributor extends AutoCloseable {

    /**
     * Puts a caller in a queue behind everyone of the same or higher priority, offering them only to
     * {@code agentId} when given (the queue keeps their place and reports them).
     *
     * @throws QueueRefusedException no such queue or agent, the queue is full, the call is already waiting, or
     *                               the ACD is closed
     */
    QueueTicket enqueue(Caller caller, String queue, int priority, Optional<String> agentId)
            throws QueueRefusedException;

    /** As {@link #enqueue(Caller, String, int, Optional)}, for any agent of the queue. */
    default QueueTicket enqueue(Caller caller, String queue, int priority) throws QueueRefusedException {
        return enqueue(caller, queue, priority, Optional.empty());
    }

    /**
     * Where a caller of that priority joining now would stand, from the queue as {@link #queues()}
     * shows it; no estimated wait unless the distributor knows its queue's pace.
     */
    default QueueOutlook outlook(String queue, int priority) throws QueueRefusedException {
        QueueView view = queues().stream().filter(q -> q.name().equals(queue)).findFirst()
                .orElseThrow(() -> new QueueRefusedException("no queue named " + queue));
        int ahead = (int) view.waiting().stream().filter(w -> w.priority() >= priority).count();
        return new QueueOutlook(1 + ahead, Optional.empty());
    }

    /** The agent's phone registered: a logged-out agent becomes AVAILABLE; for anyone else it is a refresh. */
    void phoneRegistered(String agentId);

    /** The agent's phone is gone: LOGGED_OUT now, or when the call ends if one is ringing or connected. */
    void phoneUnregistered(String agentId);

    /** @throws IllegalStateException the agent is logged out */
    void ready(String agentId);

    /** @throws IllegalStateException the agent is logged out */
    void notReady(String agentId, String reason);

    /** The agent's bridged call ended, whoever hung up. */
    void callEnded(String agentId);

    List<AgentView> agents();

    List<QueueView> queues();

    /** Hears agent moves and callers' progress (see {@link AcdListener} for threads and order). */
    void addListener(AcdListener listener);

    /** Sends every waiting caller back with a {@link QueueGaveUpException}; refuses callers from then on. */
    @Override
    void close();
}
