package org.popline.queue;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACD: the waiting callers of every queue and the state of every agent. Whenever a caller
 * arrives or an agent becomes free it offers callers to agents ({@link Router} says who gets whom)
 * by asking the {@link AgentDialer} to ring them, and follows each offer to its end.
 *
 * <p>An offer that ends unanswered by the agent's doing (no answer, busy, declined, unreachable)
 * leaves the agent NOT_READY with that reason ({@link Agent}) and the caller, still in their place,
 * goes to the next free agent. An offer the ACD withdraws (the caller left or gave up, or another
 * agent answered first in a ring-all queue) is cancelled, and the agent becomes AVAILABLE once the
 * dialer confirms with {@link RingResult#CANCELLED}: until then the phone may still be answered.
 * If it is, the agent is ON_CALL with a caller the ACD no longer holds, and the dialer is expected
 * to end that call and report {@link #callEnded} as for any other.
 *
 * <p>Threads: one lock guards all state. Nothing outside the ACD runs while it is held: dialer
 * calls, offer cancellations, ticket completions and listener events run right after it is
 * released, on the thread whose call caused them. So {@code dialer.ring} may be called on the
 * thread of any method here, of a timer, or of whoever completed an earlier offer's result, and a
 * ticket completes on the thread that completed the winning offer's result (or on a timer thread
 * when the queue gives up).
 */
public final class Acd implements CallDistributor {
    private static final Logger log = LoggerFactory.getLogger(Acd.class);

    private final Map<String, CallQueue> queues;
    private final Map<String, Agent> agents;
    private final AgentDialer dialer;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final EventDispatcher events = new EventDispatcher();

    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by lock, as are every agent, queue and waiting caller.
    /** Offers not yet ended, withdrawn ones included, by the agent being rung. */
    private final Map<Agent, Ringing> ringing = new HashMap<>();
    private final Map<Agent, WrapUp> wrapUps = new HashMap<>();
    private final List<Runnable> afterUnlock = new ArrayList<>();
    private long arrivals;
    private boolean closed;

    /** @param token tells this wrap-up's timer from an earlier one that fired late */
    private record WrapUp(Object token, ScheduledFuture<?> timer) {
    }

    /** Thrown under the lock to refuse a caller; turned into {@link QueueRefusedException} outside. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param agents in the order round-robin follows; every queue they serve must be configured
     * @param timers runs the maximum-wait and wrap-up timers; close the ACD before shutting it down
     */
    public Acd(List<QueueSettings> queues, List<AgentProfile> agents, AgentDialer dialer, Clock clock,
            ScheduledExecutorService timers) {
        this.dialer = Objects.requireNonNull(dialer, "dialer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timers = Objects.requireNonNull(timers, "timers");
        Instant now = clock.instant();
        AgentChanges changes = new AgentChanges();
        Map<String, Agent> agentsById = new LinkedHashMap<>();
        for (AgentProfile profile : agents) {
            if (agentsById.put(profile.id(), new Agent(profile, now, changes)) != null) {
                throw new IllegalArgumentException("agent " + profile.id() + " is configured twice");
            }
        }
        Map<String, CallQueue> queuesByName = new LinkedHashMap<>();
        for (QueueSettings settings : queues) {
            List<Agent> staff = agentsById.values().stream()
                    .filter(agent -> agent.profile().queues().contains(settings.name())).toList();
            if (queuesByName.put(settings.name(), new CallQueue(settings, staff)) != null) {
                throw new IllegalArgumentException("queue " + settings.name() + " is configured twice");
            }
        }
        for (AgentProfile profile : agents) {
            for (String queue : profile.queues()) {
                if (!queuesByName.containsKey(queue)) {
                    throw new IllegalArgumentException("agent " + profile.id() + " serves queue " + queue + ", which is not configured");
                }
            }
        }
        this.agents = Collections.unmodifiableMap(agentsById);
        this.queues = Collections.unmodifiableMap(queuesByName);
        events.addListener(new AcdEventLog());
    }

    @Override
    public void addListener(AcdListener listener) {
        events.addListener(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Offers the caller to an agent at once if one is free (so the ticket may already be answered when
     * this returns); a caller for {@code agentId} waits for that agent, whichever queues they serve.
     */
    @Override
    public QueueTicket enqueue(Caller caller, String queue, int priority, Optional<String> agentId)
            throws QueueRefusedException {
        Objects.requireNonNull(caller, "caller");
        CallQueue callQueue = queues.get(queue);
        Optional<Agent> only = agentId.map(agents::get);
        String refusal;
        if (callQueue == null) {
            refusal = "no queue named " + queue;
        } else if (agentId.isPresent() && only.isEmpty()) {
            refusal = "no agent named " + agentId.get();
        } else {
            try {
                return updateAndGet(() -> admit(caller, callQueue, priority, only));
            } catch (Refused e) {
                refusal = e.getMessage();
            }
        }
        log.info("caller {} refused: {}", caller.callId(), refusal);
        throw new QueueRefusedException(refusal);
    }

    /** The agent's phone registered: a logged-out agent becomes AVAILABLE; for anyone else it is a refresh. */
    @Override
    public void phoneRegistered(String agentId) {
        Agent agent = agent(agentId);
        update(() -> agent.phoneRegistered(now()));
    }

    /** The agent's phone is gone: LOGGED_OUT now, or when the call ends if one is ringing or connected. */
    @Override
    public void phoneUnregistered(String agentId) {
        Agent agent = agent(agentId);
        update(() -> {
            agent.phoneUnregistered(now());
            forgetWrapUpIfOver(agent);
        });
    }

    /** @throws IllegalStateException the agent is logged out */
    @Override
    public void ready(String agentId) {
        Agent agent = agent(agentId);
        update(() -> {
            agent.ready(now());
            forgetWrapUpIfOver(agent);
        });
    }

    /** @throws IllegalStateException the agent is logged out */
    @Override
    public void notReady(String agentId, String reason) {
        Agent agent = agent(agentId);
        update(() -> {
            agent.notReady(reason, now());
            forgetWrapUpIfOver(agent);
        });
    }

    /**
     * The agent's bridged call ended, whoever hung up: wrap-up for the wrap-up time of the queue the
     * call came from, then AVAILABLE (or NOT_READY if asked for during the call). For an agent whose
     * offer's answer has not reached the ACD yet, the call ends as soon as it does.
     *
     * @throws IllegalStateException the agent is neither on a call nor being rung
     */
    @Override
    public void callEnded(String agentId) {
        Agent agent = agent(agentId);
        update(() -> {
            Ringing offer = ringing.get(agent);
            if (offer != null) {
                // The dialer can answer and hang up before the thread that completed the offer's result has told us.
                offer.callEndedBeforeAnswerHeard();
            } else {
                endCall(agent);
            }
        });
    }

    @Override
    public List<AgentView> agents() {
        return read(() -> agents.values().stream().map(AgentView::of).toList());
    }

    @Override
    public List<QueueView> queues() {
        return read(() -> {
            Instant now = now();
            return queues.values().stream().map(queue -> view(queue, now)).toList();
        });
    }

    /**
     * Withdraws every ringing offer and sends every waiting caller back with a
     * {@link QueueGaveUpException}; refuses callers from then on. Agents keep their states.
     */
    @Override
    public void close() {
        update(() -> {
            if (closed) {
                return;
            }
            closed = true;
            for (CallQueue queue : queues.values()) {
                for (WaitingCaller caller : queue.removeAll()) {
                    leaveQueue(caller, CallerEvent.Kind.GAVE_UP);
                    afterUnlock.add(() -> caller.agentAnswered().completeExceptionally(QueueGaveUpException.closed(queue.name())));
                }
            }
            wrapUps.values().forEach(wrapUp -> wrapUp.timer().cancel(false));
            wrapUps.clear();
        });
    }

    /**
     * Where a caller of {@code priority} joining {@code queue} now would stand (behind everyone
     * waiting with the same or a higher priority) and how long they would likely wait.
     *
     * @throws QueueRefusedException no such queue
     */
    @Override
    public QueueOutlook outlook(String queue, int priority) throws QueueRefusedException {
        CallQueue callQueue = queues.get(queue);
        if (callQueue == null) {
            throw new QueueRefusedException("no queue named " + queue);
        }
        return read(() -> {
            int position = 1 + (int) callQueue.inOrder().stream().filter(waiting -> waiting.priority() >= priority).count();
            return new QueueOutlook(position, callQueue.estimatedWait(position));
        });
    }

    private QueueTicket admit(Caller caller, CallQueue queue, int priority, Optional<Agent> only) {
        if (closed) {
            throw new Refused("the ACD is closed");
        }
        for (CallQueue other : queues.values()) {
            if (other.waiting().stream().anyMatch(waiting -> waiting.caller().callId().equals(caller.callId()))) {
                throw new Refused("call " + caller.callId() + " is already waiting in " + other.name());
            }
        }
        if (queue.isFull()) {
            throw new Refused("queue " + queue.name() + " is full (" + queue.settings().maxSize() + " waiting)");
        }
        WaitingCaller waiting = new WaitingCaller(caller, queue, priority, only, arrivals++, now());
        queue.add(waiting);
        waiting.maxWaitTimer(timers.schedule(() -> update(() -> giveUp(waiting)),
                queue.settings().maxWait().toNanos(), NANOSECONDS));
        waiting.agentAnswered().whenComplete((agentId, error) -> {
            if (error instanceof CancellationException) {
                update(() -> callerLeft(waiting));
            }
        });
        publish(CallerEvent.Kind.QUEUED, waiting, null);
        return new Ticket(waiting);
    }

    private void offer(Router.Match match) {
        WaitingCaller caller = match.caller();
        for (Agent agent : match.agents()) {
            Ringing offer = new Ringing(agent, caller);
            agent.offered(caller.caller(), caller.queue().name(), now());
            caller.ringingStarted(offer);
            ringing.put(agent, offer);
            caller.queue().offeredTo(agent);
            publish(CallerEvent.Kind.OFFERED, caller, agent);
            afterUnlock.add(() -> startRinging(offer));
        }
    }

    /** Runs without the lock: the dialer may complete the result before ring() returns. */
    private void startRinging(Ringing offer) {
        String agentId = offer.agent().id();
        AgentOffer started;
        try {
            started = dialer.ring(agentId, offer.caller().caller(), offer.caller().queue().settings().ringTimeout());
        } catch (RuntimeException e) {
            log.warn("ringing agent {} failed: {}", agentId, e.toString());
            update(() -> ringEnded(offer, RingResult.FAILED));
            return;
        }
        update(() -> offerStarted(offer, started));
        started.result().whenComplete((result, error) -> {
            if (error != null) {
                log.warn("the offer to agent {} failed: {}", agentId, error.toString());
            }
            update(() -> ringEnded(offer, error == null ? result : RingResult.FAILED));
        });
    }

    private void offerStarted(Ringing offer, AgentOffer started) {
        offer.offer(started);
        if (offer.withdrawn()) {
            afterUnlock.add(started::cancel);
        }
    }

    private void ringEnded(Ringing offer, RingResult result) {
        Agent agent = offer.agent();
        ringing.remove(agent);
        WaitingCaller caller = offer.caller();
        boolean stillWanted = caller.ringingEnded(offer);
        if (result != RingResult.ANSWERED) {
            if (offer.callEnded()) {
                log.warn("the dialer ended a call for agent {}, whose phone then reported {}", agent.id(), result);
            }
            agent.offerEnded(result, now());
            return;
        }
        agent.answered(now());
        if (stillWanted) {
            callerAnswered(caller, agent);
        } else {
            log.info("agent {} answered call {} after the offer was withdrawn; the call is theirs until the dialer ends it",
                    agent.id(), caller.caller().callId());
        }
        if (offer.callEnded()) {
            endCall(agent);
        }
    }

    private void endCall(Agent agent) {
        agent.callEnded(now());
        if (agent.state() == AgentState.WRAP_UP) {
            startWrapUp(agent);
        }
    }

    private void callerAnswered(WaitingCaller caller, Agent agent) {
        caller.queue().remove(caller);
        leaveQueue(caller, CallerEvent.Kind.ANSWERED, agent);
        afterUnlock.add(() -> {
            if (!caller.agentAnswered().complete(agent.id())) {
                log.info("call {} left the queue just as agent {} answered", caller.caller().callId(), agent.id());
            }
        });
    }

    private void callerLeft(WaitingCaller caller) {
        if (caller.queue().remove(caller)) {
            leaveQueue(caller, CallerEvent.Kind.LEFT);
        }
    }

    private void giveUp(WaitingCaller caller) {
        if (caller.queue().remove(caller)) {
            leaveQueue(caller, CallerEvent.Kind.GAVE_UP);
            QueueSettings settings = caller.queue().settings();
            afterUnlock.add(() -> caller.agentAnswered().completeExceptionally(
                    QueueGaveUpException.waitedTooLong(settings.name(), settings.maxWait())));
        }
    }

    /** For a caller just taken out of their queue: no more timer, no more ringing for them. */
    private void leaveQueue(WaitingCaller caller, CallerEvent.Kind why) {
        leaveQueue(caller, why, null);
    }

    private void leaveQueue(WaitingCaller caller, CallerEvent.Kind why, Agent agent) {
        caller.stopMaxWaitTimer();
        for (Ringing offer : caller.ringing()) {
            offer.withdraw();
            caller.ringingEnded(offer);
            offer.offer().ifPresent(started -> afterUnlock.add(started::cancel));
        }
        publish(why, caller, agent);
    }

    private void startWrapUp(Agent agent) {
        Duration wrapUp = queues.get(agent.callQueue().orElseThrow()).settings().wrapUp();
        if (wrapUp.isZero() || wrapUp.isNegative()) {
            agent.wrapUpOver(now());
            return;
        }
        if (closed) {
            // The timers may be shut down already; agents keep their states once the ACD is closed.
            return;
        }
        Object token = new Object();
        ScheduledFuture<?> timer = timers.schedule(() -> update(() -> wrapUpOver(agent, token)), wrapUp.toNanos(), NANOSECONDS);
        wrapUps.put(agent, new WrapUp(token, timer));
    }

    private void wrapUpOver(Agent agent, Object token) {
        WrapUp wrapUp = wrapUps.get(agent);
        if (wrapUp != null && wrapUp.token() == token) {
            wrapUps.remove(agent);
            agent.wrapUpOver(now());
        }
    }

    /** Stops the wrap-up timer of an agent whose wrap-up ended early (ready, not ready, logged out). */
    private void forgetWrapUpIfOver(Agent agent) {
        if (agent.state() != AgentState.WRAP_UP) {
            WrapUp wrapUp = wrapUps.remove(agent);
            if (wrapUp != null) {
                wrapUp.timer().cancel(false);
            }
        }
    }

    private void routeWaitingCallers() {
        // Each match reserves at least one available agent, so there are at most as many matches as agents.
        for (int i = 0; i < agents.size(); i++) {
            Optional<Router.Match> match = Router.next(queues.values());
            if (match.isEmpty()) {
                return;
            }
            offer(match.get());
        }
    }

    private QueueView view(CallQueue queue, Instant now) {
        List<WaitingCaller> waiting = queue.waiting();
        List<WaitingCallerView> callers = new ArrayList<>(waiting.size());
        for (int i = 0; i < waiting.size(); i++) {
            WaitingCaller caller = waiting.get(i);
            callers.add(new WaitingCallerView(caller.caller().callId(), caller.caller().ani(), caller.priority(),
                    waitedSeconds(caller, now), i + 1, caller.ringing().stream().map(offer -> offer.agent().id()).toList()));
        }
        long longestWait = waiting.stream().mapToLong(caller -> waitedSeconds(caller, now)).max().orElse(0);
        return new QueueView(queue.name(), queue.settings().routing(), callers, longestWait, queue.staffed(), queue.available());
    }

    private static long waitedSeconds(WaitingCaller caller, Instant now) {
        return Duration.between(caller.since(), now).toSeconds();
    }

    private void publish(CallerEvent.Kind kind, WaitingCaller caller, Agent agent) {
        events.publish(new CallerEvent(kind, caller.caller().callId(), caller.queue().name(),
                Optional.ofNullable(agent).map(Agent::id), now()));
    }

    private Agent agent(String agentId) {
        Agent agent = agents.get(agentId);
        if (agent == null) {
            throw new IllegalArgumentException("no agent " + agentId);
        }
        return agent;
    }

    private Instant now() {
        return clock.instant();
    }

    private <T> T read(Supplier<T> query) {
        lock.lock();
        try {
            return query.get();
        } finally {
            lock.unlock();
        }
    }

    private void update(Runnable change) {
        updateAndGet(() -> {
            change.run();
            return null;
        });
    }

    /**
     * Makes a change and routes callers under the lock, then, without it, delivers the events and
     * carries out what the change asked of the world outside. A change that throws has changed
     * nothing (agents check before they move), but what was already asked of the world still runs.
     */
    private <T> T updateAndGet(Supplier<T> change) {
        T result = null;
        RuntimeException failure = null;
        List<Runnable> actions;
        lock.lock();
        try {
            try {
                result = change.get();
            } catch (RuntimeException e) {
                failure = e;
            }
            if (!closed) {
                routeWaitingCallers();
            }
            actions = List.copyOf(afterUnlock);
            afterUnlock.clear();
        } finally {
            lock.unlock();
        }
        events.deliver();
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.warn("an ACD follow-up failed: {}", e.toString());
            }
        }
        if (failure != null) {
            throw failure;
        }
        return result;
    }

    /** Reports agent moves as events and completed calls to their queue's handle times. */
    private final class AgentChanges implements Agent.Observer {
        @Override
        public void stateChanged(AgentEvent event) {
            events.publish(event);
        }

        @Override
        public void callCompleted(String queue, Duration handleTime) {
            queues.get(queue).callCompleted(handleTime);
        }
    }

    private final class Ticket implements QueueTicket {
        private final WaitingCaller caller;

        Ticket(WaitingCaller caller) {
            this.caller = caller;
        }

        @Override
        public String queue() {
            return caller.queue().name();
        }

        @Override
        public CompletableFuture<String> agentAnswered() {
            return caller.agentAnswered();
        }

        @Override
        public int position() {
            return read(() -> caller.queue().position(caller));
        }

        @Override
        public Optional<Duration> estimatedWait() {
            return read(() -> caller.queue().estimatedWait(caller.queue().position(caller)));
        }
    }
}
