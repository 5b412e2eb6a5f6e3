package org.popline.cluster;

import io.lettuce.core.RedisException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.popline.cluster.AcdScripts.AgentMove;
import org.popline.cluster.AcdScripts.Outcome;
import org.popline.queue.Acd;
import org.popline.queue.AcdEvent;
import org.popline.queue.AcdEventLog;
import org.popline.queue.AcdListener;
import org.popline.queue.AgentDialer;
import org.popline.queue.AgentEvent;
import org.popline.queue.AgentOffer;
import org.popline.queue.AgentProfile;
import org.popline.queue.AgentState;
import org.popline.queue.AgentView;
import org.popline.queue.CallDistributor;
import org.popline.queue.Caller;
import org.popline.queue.CallerEvent;
import org.popline.queue.QueueGaveUpException;
import org.popline.queue.QueueRefusedException;
import org.popline.queue.QueueSettings;
import org.popline.queue.QueueTicket;
import org.popline.queue.QueueView;
import org.popline.queue.RingResult;
import org.popline.queue.QueueOutlook;
import org.popline.queue.RecentHandleTimes;
import org.popline.queue.Routing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's share of an ACD kept in Redis ({@link SharedAcdState}). The node holds its own callers
 * (their calls and media stay here) and rings agents for them through its {@link AgentDialer};
 * Redis decides, one atomic script per step, which caller goes to which agent across all nodes, by
 * each queue's routing as the in-memory {@link Acd} does (longest-available, round-robin with a turn
 * kept in Redis, ring-all), and keeps a caller queued for one named agent for that agent only. A
 * caller's estimated wait comes from the queue's recent handle times, kept in Redis.
 *
 * <p>When Redis cannot be reached the node falls back to an in-memory {@link Acd} with the agents
 * whose phones registered here and the callers it holds; calls in progress go on. When Redis is
 * back the node first frees what Redis still says it held, then puts back its agents' states and
 * its waiting callers; agents busy with a call of the fallback stay NOT_READY in Redis until that
 * call is over ("draining").
 *
 * <p>Threads: one worker thread owns all state here and talks to Redis; public methods hand their
 * work to it (waiting a bounded time where they return something) and may be called from any
 * thread, listeners included.
 */
public final class ClusterAcd implements CallDistributor {
    private static final Logger log = LoggerFactory.getLogger(ClusterAcd.class);
    private static final long ANSWER_SECONDS = 10;
    /** Joining loads the scripts and frees a restarted node's leftovers: slower than one step on a busy machine. */
    private static final long JOIN_SECONDS = 60;
    private static final String BUSY_HERE = "on a call at ";
    /** While Redis is away, how often to try it again: a connect attempt holds the worker up. */
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final ClusterSettings settings;
    private final RedisLink link;
    private final SharedAcdState shared;
    private final List<QueueSettings> queueList;
    private final Map<String, QueueSettings> queues;
    private final List<AgentProfile> profiles;
    private final Map<String, AgentProfile> agents;
    private final AgentDialer dialer;
    private final Clock clock;
    private final ScheduledExecutorService worker;
    private volatile Thread workerThread;
    private final List<AcdListener> listeners = new CopyOnWriteArrayList<>();
    private final AcdEventLog eventLog = new AcdEventLog();

    // Worker thread only.
    private final Map<String, Waiting> callers = new LinkedHashMap<>();
    private final Set<String> phonesHere = new HashSet<>();
    /** Agents this node reserved in Redis, and the queue of the caller they were offered. */
    private final Map<String, String> offeredHere = new HashMap<>();
    /** Agents whose offer's result this node has not handled yet, and those whose call ended before it was. */
    private final Set<String> ringingHere = new HashSet<>();
    private final Set<String> endedBeforeAnswerHeard = new HashSet<>();
    private final Map<String, AgentView> homeViews = new HashMap<>();
    private final Set<String> draining = new HashSet<>();
    private boolean sharedUp = true;
    private long nextRetry;
    private Acd local;
    private boolean closed;

    private ClusterAcd(ClusterSettings settings, RedisLink link, List<QueueSettings> queues, List<AgentProfile> agents,
            AgentDialer dialer, Clock clock) {
        this.settings = settings;
        this.link = link;
        this.shared = new SharedAcdState(link, settings.node(), queues, agents);
        this.queueList = List.copyOf(queues);
        this.queues = queues.stream().collect(Collectors.toMap(QueueSettings::name, Function.identity()));
        this.profiles = List.copyOf(agents);
        this.agents = agents.stream().collect(Collectors.toMap(AgentProfile::id, Function.identity()));
        this.dialer = Objects.requireNonNull(dialer, "dialer");
        this.clock = clock;
        ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "acd-cluster-" + settings.node());
            t.setDaemon(true);
            workerThread = t;
            return t;
        });
        // A caller answered before the queue's maximum wait cancels that timer; kept queued, it would hold
        // the caller until the wait was over.
        thread.setRemoveOnCancelPolicy(true);
        this.worker = thread;
    }

    /** Joins the cluster: frees what this node's name held before (a restart), then ticks. Redis down: starts in fallback. */
    public static ClusterAcd start(ClusterSettings settings, List<QueueSettings> queues, List<AgentProfile> agents,
            AgentDialer dialer, Clock clock) {
        ClusterAcd acd = new ClusterAcd(settings, new RedisLink(settings.redis()), queues, agents, dialer, clock);
        acd.onWorker(JOIN_SECONDS, () -> {
            try {
                acd.apply(acd.shared.tick(settings.lease(), true));
                acd.listenForFreedAgents();
                log.info("node {} joined the shared ACD at {}", settings.node(), settings.redis());
            } catch (RedisException e) {
                acd.goLocal(e);
            }
            return null;
        });
        long tick = settings.tick().toMillis();
        acd.worker.scheduleWithFixedDelay(acd::tick, tick, tick, TimeUnit.MILLISECONDS);
        return acd;
    }

    @Override
    public void addListener(AcdListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** A caller for {@code agentId} is offered to that agent only, on whichever node their phone registered. */
    @Override
    public QueueTicket enqueue(Caller caller, String queue, int priority, Optional<String> agentId)
            throws QueueRefusedException {
        Objects.requireNonNull(caller, "caller");
        QueueSettings settings = queues.get(queue);
        Admission admission = settings == null ? new Admission(null, "no queue named " + queue)
                : agentId.isPresent() && !agents.containsKey(agentId.get()) ? new Admission(null, "no agent named " + agentId.get())
                : onWorker(() -> admit(caller, settings, priority, agentId));
        if (admission.refusal() != null) {
            log.info("caller {} refused: {}", caller.callId(), admission.refusal());
            throw new QueueRefusedException(admission.refusal());
        }
        return new Ticket(admission.waiting());
    }

    @Override
    public void phoneRegistered(String agentId) {
        AgentProfile agent = agent(agentId);
        worker.execute(() -> {
            phonesHere.add(agentId);
            agentOp(agent, "register", null, a -> local.phoneRegistered(a));
        });
    }

    @Override
    public void phoneUnregistered(String agentId) {
        AgentProfile agent = agent(agentId);
        worker.execute(() -> {
            phonesHere.remove(agentId);
            agentOp(agent, "unregister", null, a -> local.phoneUnregistered(a));
        });
    }

    @Override
    public void ready(String agentId) {
        AgentProfile agent = agent(agentId);
        onWorker(() -> agentOp(agent, "ready", null, a -> local.ready(a)));
    }

    @Override
    public void notReady(String agentId, String reason) {
        AgentProfile agent = agent(agentId);
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("agent " + agentId + ": a not-ready reason is required");
        }
        onWorker(() -> agentOp(agent, "notready", reason, a -> local.notReady(a, reason)));
    }

    @Override
    public void callEnded(String agentId) {
        AgentProfile agent = agent(agentId);
        worker.execute(() -> {
            try {
                endCall(agent);
            } catch (RuntimeException e) {
                log.warn("agent {}: call end not applied: {}", agentId, e.toString());
            }
        });
    }

    @Override
    public List<AgentView> agents() {
        return onWorker(() -> {
            if (sharedUp) {
                try {
                    return sharedAgents();
                } catch (RedisException e) {
                    goLocal(e);
                }
            }
            return localAgents();
        });
    }

    @Override
    public List<QueueView> queues() {
        return onWorker(() -> {
            if (sharedUp) {
                try {
                    List<AgentView> staff = sharedAgents();
                    List<QueueView> views = new ArrayList<>();
                    for (QueueSettings queue : queueList) {
                        views.add(shared.queue(queue, staff, clock.instant()));
                    }
                    return views;
                } catch (RedisException e) {
                    goLocal(e);
                }
            }
            return local.queues();
        });
    }

    /** Every agent of the cluster: this node's configured ones, then those only other nodes know of. */
    private List<AgentView> sharedAgents() {
        List<AgentView> views = new ArrayList<>();
        for (AgentProfile profile : profiles) {
            views.add(shared.agent(profile));
        }
        for (AgentProfile other : shared.othersAgents(agents.keySet())) {
            views.add(shared.agent(other));
        }
        return views;
    }

    /** The fallback's agents: those whose phones registered here, so on this node. */
    private List<AgentView> localAgents() {
        return local.agents().stream()
                .map(view -> phonesHere.contains(view.id()) ? view.at(settings.node()) : view)
                .toList();
    }

    /** True while Redis answers and the node shares the ACD; false while it serves its own agents only. */
    public boolean shared() {
        return onWorker(() -> sharedUp);
    }

    @Override
    public void close() {
        onWorker(() -> {
            if (closed) {
                return null;
            }
            closed = true;
            for (Waiting waiting : List.copyOf(callers.values())) {
                if (waiting.local == null) {
                    waiting.stopTimer();
                    waiting.withdrawOffers();
                    waiting.answered.completeExceptionally(QueueGaveUpException.closed(waiting.queue));
                }
            }
            if (sharedUp) {
                try {
                    apply(shared.tick(settings.lease(), true));
                } catch (RedisException e) {
                    log.warn("could not free this node's callers and reservations in Redis: {}", e.toString());
                }
            }
            if (local != null) {
                local.close();
            }
            return null;
        });
        worker.shutdown();
        link.close();
    }

    /** Stops without freeing anything in Redis, as a killed process would: for tests of leases. */
    void halt() {
        worker.shutdownNow();
        link.close();
    }

    /** Where a caller joining now would stand in the whole cluster's queue, and how long they would likely wait. */
    @Override
    public QueueOutlook outlook(String queue, int priority) throws QueueRefusedException {
        QueueSettings settings = queues.get(queue);
        if (settings == null) {
            throw new QueueRefusedException("no queue named " + queue);
        }
        return onWorker(() -> {
            if (sharedUp) {
                try {
                    QueueView view = shared.queue(settings, staffOf(queue), clock.instant());
                    int position = 1 + (int) view.waiting().stream().filter(w -> w.priority() >= priority).count();
                    return new QueueOutlook(position, RecentHandleTimes.estimatedWait(shared.handleTimes(queue), position,
                            view.staffed()));
                } catch (RedisException e) {
                    goLocal(e);
                }
            }
            return local.outlook(queue, priority);
        });
    }

    private List<AgentView> staffOf(String queue) {
        List<AgentView> staff = new ArrayList<>();
        for (AgentProfile profile : profiles) {
            if (profile.queues().contains(queue)) {
                staff.add(shared.agent(profile));
            }
        }
        return staff;
    }

    private Admission admit(Caller caller, QueueSettings queue, int priority, Optional<String> only) {
        if (closed) {
            return new Admission(null, "the ACD is closed");
        }
        if (callers.containsKey(caller.callId())) {
            return new Admission(null, "call " + caller.callId() + " is already waiting in " + callers.get(caller.callId()).queue);
        }
        Waiting waiting = new Waiting(caller, queue.name(), priority, only);
        String refusal = sharedUp ? admitShared(waiting) : null;
        if (!sharedUp) {
            refusal = admitLocally(waiting);
        }
        if (refusal != null) {
            return new Admission(null, refusal);
        }
        callers.put(caller.callId(), waiting);
        waiting.answered.whenComplete((agentId, error) -> worker.execute(() -> finished(waiting, error)));
        safely(this::match);
        return new Admission(waiting, null);
    }

    /** A caller taken in, or why not. */
    private record Admission(Waiting waiting, String refusal) {
    }

    /** Null when admitted; a refusal; or null with sharedUp false when Redis just failed. */
    private String admitShared(Waiting waiting) {
        QueueSettings queue = queues.get(waiting.queue);
        try {
            Outcome outcome = shared.enqueue(waiting.caller.callId(), waiting.queue, waiting.priority, queue.maxSize(),
                    waiting.caller.ani(), waiting.only);
            switch (outcome.code()) {
                case "dup" -> {
                    return "call " + waiting.caller.callId() + " is already waiting in " + outcome.value(0);
                }
                case "full" -> {
                    return "queue " + waiting.queue + " is full (" + queue.maxSize() + " waiting)";
                }
                default -> {
                }
            }
        } catch (RedisException e) {
            goLocal(e);
            return null;
        }
        waiting.timer = worker.schedule(() -> giveUp(waiting), queue.maxWait().toNanos(), TimeUnit.NANOSECONDS);
        publish(new CallerEvent(CallerEvent.Kind.QUEUED, waiting.caller.callId(), waiting.queue, Optional.empty(), clock.instant()));
        return null;
    }

    private String admitLocally(Waiting waiting) {
        try {
            QueueTicket ticket = local.enqueue(waiting.caller, waiting.queue, waiting.priority, waiting.only);
            waiting.local = ticket;
            ticket.agentAnswered().whenComplete((agentId, error) -> {
                if (agentId != null) {
                    waiting.answered.complete(agentId);
                } else if (!(error instanceof CancellationException)) {
                    waiting.answered.completeExceptionally(error);
                }
            });
            return null;
        } catch (QueueRefusedException e) {
            return e.getMessage();
        }
    }

    /** The caller's wait is over, however it ended; if they left, take them out of whichever queue holds them. */
    private void finished(Waiting waiting, Throwable error) {
        callers.remove(waiting.caller.callId(), waiting);
        waiting.stopTimer();
        if (!(error instanceof CancellationException)) {
            return;
        }
        if (waiting.local != null) {
            waiting.local.agentAnswered().cancel(false);
            return;
        }
        waiting.withdrawOffers();
        leaveShared(waiting, CallerEvent.Kind.LEFT);
    }

    private void giveUp(Waiting waiting) {
        if (waiting.local != null || waiting.answered.isDone()) {
            return;
        }
        callers.remove(waiting.caller.callId(), waiting);
        waiting.withdrawOffers();
        leaveShared(waiting, CallerEvent.Kind.GAVE_UP);
        QueueSettings queue = queues.get(waiting.queue);
        waiting.answered.completeExceptionally(QueueGaveUpException.waitedTooLong(queue.name(), queue.maxWait()));
    }

    private void leaveShared(Waiting waiting, CallerEvent.Kind why) {
        if (sharedUp) {
            try {
                apply(shared.leave(waiting.caller.callId()));
            } catch (RedisException e) {
                goLocal(e);
            }
        }
        publish(new CallerEvent(why, waiting.caller.callId(), waiting.queue, Optional.empty(), clock.instant()));
    }

    /** Offers this node's callers as long as Redis says the next match is theirs. */
    private void match() {
        if (!sharedUp || closed) {
            return;
        }
        for (int i = 0; i <= profiles.size(); i++) {
            Outcome outcome = shared.match();
            apply(outcome);
            if (!"offer".equals(outcome.code())) {
                return;
            }
            for (String agentId : outcome.value(1).split(",")) {
                ring(outcome.value(0), agentId);
            }
        }
    }

    private void ring(String callId, String agentId) {
        Waiting waiting = callers.get(callId);
        if (waiting == null || waiting.answered.isDone() || waiting.local != null) {
            apply(shared.offerEnded(agentId, callId, "cancelled"));
            return;
        }
        offeredHere.put(agentId, waiting.queue);
        publish(new CallerEvent(CallerEvent.Kind.OFFERED, callId, waiting.queue, Optional.of(agentId), clock.instant()));
        AgentOffer offer;
        try {
            offer = dialer.ring(agentId, waiting.caller, queues.get(waiting.queue).ringTimeout());
        } catch (RuntimeException e) {
            log.warn("call {}: ringing agent {} failed: {}", callId, agentId, e.toString());
            offerEnded(waiting, agentId, RingResult.FAILED);
            return;
        }
        waiting.offers.put(agentId, offer);
        ringingHere.add(agentId);
        offer.result().whenComplete((result, error) -> worker.execute(() ->
                offerEnded(waiting, agentId, error == null ? result : RingResult.FAILED)));
    }

    private void offerEnded(Waiting waiting, String agentId, RingResult result) {
        waiting.offers.remove(agentId);
        ringingHere.remove(agentId);
        boolean wanted = !waiting.answered.isDone();
        if (sharedUp) {
            try {
                Outcome outcome = shared.offerEnded(agentId, waiting.caller.callId(), outcome(result));
                apply(outcome);
                if ("lost".equals(outcome.code())) {
                    log.warn("call {}: agent {}'s reservation had been freed (lease ran out) before the offer ended",
                            waiting.caller.callId(), agentId);
                }
            } catch (RedisException e) {
                goLocal(e);
            }
        }
        if (result == RingResult.ANSWERED) {
            if (wanted) {
                publish(new CallerEvent(CallerEvent.Kind.ANSWERED, waiting.caller.callId(), waiting.queue,
                        Optional.of(agentId), clock.instant()));
                waiting.answered.complete(agentId);
                // ring-all: the first to answer takes the caller; the others' offers are withdrawn
                waiting.withdrawOffers();
            }
            if (endedBeforeAnswerHeard.remove(agentId)) {
                endCall(agents.get(agentId));
            }
            return;
        }
        endedBeforeAnswerHeard.remove(agentId);
        offeredHere.remove(agentId);
        if (!sharedUp) {
            joinLocal(agentId);
            if (wanted && waiting.local == null && waiting.offers.isEmpty()) {
                moveToLocal(waiting);
            }
        }
        safely(this::match);
    }

    private void endCall(AgentProfile agent) {
        if (ringingHere.contains(agent.id())) {
            // the dialer can answer and hang up before the offer's result has reached this thread
            endedBeforeAnswerHeard.add(agent.id());
            return;
        }
        String queue = offeredHere.remove(agent.id());
        if (draining.contains(agent.id())) {
            if (queue != null) {
                // a shared call from before Redis failed: nothing to wrap up in the fallback
                drained(agent.id(), AgentState.AVAILABLE, Optional.empty());
            } else {
                local.callEnded(agent.id());
            }
            return;
        }
        if (!sharedUp) {
            if (queue != null) {
                joinLocal(agent.id());
            } else {
                local.callEnded(agent.id());
            }
            return;
        }
        Duration wrapUp = queue == null ? Duration.ZERO : queues.get(queue).wrapUp();
        agentOp(agent, "callended", null, wrapUp, a -> { });
    }

    private Void agentOp(AgentProfile agent, String op, String reason, Consumer<String> locally) {
        return agentOp(agent, op, reason, Duration.ZERO, locally);
    }

    private Void agentOp(AgentProfile agent, String op, String reason, Duration wrapUp,
            Consumer<String> locally) {
        if (sharedUp && !draining.contains(agent.id())) {
            try {
                Outcome outcome = shared.agent(op, agent, reason, wrapUp);
                apply(outcome);
                if ("illegal".equals(outcome.code())) {
                    throw new IllegalStateException("agent " + agent.id() + " cannot do " + op + " while " + outcome.value(0));
                }
                safely(this::match);
                return null;
            } catch (RedisException e) {
                goLocal(e);
            }
        }
        locally.accept(agent.id());
        return null;
    }

    private void tick() {
        if (closed) {
            return;
        }
        try {
            if (!sharedUp) {
                if (System.nanoTime() - nextRetry >= 0) {
                    nextRetry = System.nanoTime() + RETRY_NANOS;
                    backToShared();
                }
                return;
            }
            listenForFreedAgents();
            Outcome outcome = shared.tick(settings.lease(), false);
            if (!outcome.value(0).isEmpty()) {
                log.warn("node(s) {} let their lease run out: their callers and reservations are freed", outcome.value(0));
            }
            apply(outcome);
            for (String agentId : phonesHere) {
                homeViews.put(agentId, shared.agent(agents.get(agentId)));
            }
            if (callers.values().stream().anyMatch(this::matchable)) {
                match();
            }
        } catch (RedisException e) {
            if (sharedUp) {
                goLocal(e);
            }
        } catch (RuntimeException e) {
            log.warn("cluster tick failed: {}", e.toString());
        }
    }

    /** An agent became available somewhere: this node's callers need not wait for the next tick. */
    private void listenForFreedAgents() {
        link.subscribe("{acd}:wake", message -> {
            try {
                worker.execute(() -> {
                    if (sharedUp && !closed && callers.values().stream().anyMatch(this::matchable)) {
                        safely(this::match);
                    }
                });
            } catch (RejectedExecutionException e) {
                // the node is stopping
            }
        });
    }

    /** Whether a free agent could be offered this caller: nobody rings for them, or more may join a ring-all. */
    private boolean matchable(Waiting waiting) {
        return waiting.local == null && (waiting.offers.isEmpty()
                || waiting.only.isEmpty() && queues.get(waiting.queue).routing() == Routing.RING_ALL);
    }

    private void goLocal(RedisException e) {
        if (!sharedUp) {
            return;
        }
        sharedUp = false;
        nextRetry = System.nanoTime();
        log.warn("Redis unreachable ({}): queueing falls back to the agents whose phones registered on node {}",
                e.getMessage(), settings.node());
        if (local == null) {
            local = new Acd(queueList, profiles, dialer, clock, worker);
            local.addListener(this::fromLocal);
        }
        for (String agentId : phonesHere) {
            if (!offeredHere.containsKey(agentId)) {
                joinLocal(agentId);
            }
        }
        for (Waiting waiting : List.copyOf(callers.values())) {
            if (waiting.offers.isEmpty() && waiting.local == null) {
                moveToLocal(waiting);
            }
        }
    }

    /** An agent whose phone registered here takes calls from the fallback, in the state Redis last showed. */
    private void joinLocal(String agentId) {
        if (!phonesHere.contains(agentId) || draining.contains(agentId)) {
            return;
        }
        AgentView last = homeViews.get(agentId);
        if (last != null && (last.state() == AgentState.RESERVED || last.state() == AgentState.ON_CALL)
                && !offeredHere.containsKey(agentId)) {
            // busy with another node's caller: joins at the phone's next registration refresh
            homeViews.remove(agentId);
            return;
        }
        local.phoneRegistered(agentId);
        if (last != null && last.state() == AgentState.NOT_READY) {
            local.notReady(agentId, last.reason().orElse("not ready"));
        }
    }

    private void moveToLocal(Waiting waiting) {
        waiting.stopTimer();
        String refusal = admitLocally(waiting);
        if (refusal != null) {
            log.warn("call {}: the fallback queue refused it: {}", waiting.caller.callId(), refusal);
            waiting.answered.completeExceptionally(QueueGaveUpException.closed(waiting.queue));
        }
    }

    /** Redis answers again: free what it still says this node held, then put back agents and callers. */
    private void backToShared() {
        apply(shared.tick(settings.lease(), true));
        listenForFreedAgents();
        sharedUp = true;
        log.info("Redis is back: node {} puts its agents and waiting callers back in the shared ACD", settings.node());
        Map<String, AgentView> fallbackViews = local.agents().stream().collect(Collectors.toMap(AgentView::id, v -> v));
        for (String agentId : phonesHere) {
            AgentProfile agent = agents.get(agentId);
            apply(shared.agent("register", agent, null, Duration.ZERO));
            AgentView view = fallbackViews.get(agentId);
            AgentState state = view.state();
            if (state == AgentState.NOT_READY) {
                apply(shared.agent("notready", agent, view.reason().orElse("not ready"), Duration.ZERO));
            } else if (state == AgentState.RESERVED || state == AgentState.ON_CALL || state == AgentState.WRAP_UP
                    || offeredHere.containsKey(agentId)) {
                apply(shared.agent("notready", agent, BUSY_HERE + settings.node(), Duration.ZERO));
                draining.add(agentId);
            }
        }
        for (Waiting waiting : List.copyOf(callers.values())) {
            if (waiting.local != null && waiting.local.agentAnswered().cancel(false)) {
                waiting.local = null;
                String refusal = admitShared(waiting);
                if (refusal != null) {
                    log.warn("call {}: not put back: {}", waiting.caller.callId(), refusal);
                    waiting.answered.completeExceptionally(QueueGaveUpException.closed(waiting.queue));
                }
            }
        }
        closeLocalIfDrained();
        match();
    }

    /** Events of the fallback ACD: passed on; a draining agent whose call is over gets its state back in Redis. */
    private void fromLocal(AcdEvent event) {
        deliver(event);
        if (event instanceof AgentEvent move) {
            worker.execute(() -> {
                if (sharedUp && draining.contains(move.agentId())) {
                    drained(move.agentId(), move.to(), move.reason());
                }
            });
        }
    }

    private void drained(String agentId, AgentState to, Optional<String> reason) {
        String op = switch (to) {
            case AVAILABLE -> "ready";
            case NOT_READY -> "notready";
            case LOGGED_OUT -> "unregister";
            default -> null;
        };
        if (op == null) {
            return;
        }
        draining.remove(agentId);
        try {
            apply(shared.agent(op, agents.get(agentId), reason.orElse(null), Duration.ZERO));
            match();
        } catch (RedisException e) {
            goLocal(e);
        }
        closeLocalIfDrained();
    }

    private void closeLocalIfDrained() {
        if (sharedUp && local != null && draining.isEmpty() && callers.values().stream().noneMatch(w -> w.local != null)) {
            local.close();
            local = null;
        }
    }

    /** For work whose Redis failure only means: fall back. */
    private void safely(Runnable work) {
        try {
            work.run();
        } catch (RedisException e) {
            goLocal(e);
        }
    }

    private void apply(Outcome outcome) {
        for (AgentMove move : outcome.moves()) {
            publish(new AgentEvent(move.agentId(), AgentState.valueOf(move.from()), AgentState.valueOf(move.to()),
                    move.reason(), move.callId(), clock.instant()));
        }
    }

    private void publish(AcdEvent event) {
        eventLog.onEvent(event);
        deliver(event);
    }

    private void deliver(AcdEvent event) {
        for (AcdListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                log.warn("an ACD listener failed: {}", e.toString());
            }
        }
    }

    private static String outcome(RingResult result) {
        return switch (result) {
            case ANSWERED -> "answered";
            case CANCELLED -> "cancelled";
            case NO_ANSWER -> "RONA";
            case BUSY -> "busy";
            case DECLINED -> "declined";
            case FAILED -> "unreachable";
        };
    }

    private AgentProfile agent(String agentId) {
        AgentProfile agent = agents.get(agentId);
        if (agent == null) {
            throw new IllegalArgumentException("no agent " + agentId);
        }
        return agent;
    }

    private <T> T onWorker(Callable<T> task) {
        return onWorker(ANSWER_SECONDS, task);
    }

    private <T> T onWorker(long seconds, Callable<T> task) {
        try {
            if (Thread.currentThread() == workerThread) {
                return task.call();
            }
            return worker.submit(task).get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the shared ACD did not answer within " + seconds + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A caller this node holds. Worker thread only, but for the future. */
    private static final class Waiting {
        final Caller caller;
        final String queue;
        final int priority;
        final Optional<String> only;
        final CompletableFuture<String> answered = new CompletableFuture<>();
        ScheduledFuture<?> timer;
        /** The shared offers ringing for them now, by agent: several in a ring-all queue. */
        final Map<String, AgentOffer> offers = new HashMap<>();
        /** Their place in the fallback while Redis is away. */
        QueueTicket local;

        Waiting(Caller caller, String queue, int priority, Optional<String> only) {
            this.caller = caller;
            this.queue = queue;
            this.priority = priority;
            this.only = only;
        }

        /** Each offer's result, CANCELLED, still reaches offerEnded and frees its agent in Redis. */
        void withdrawOffers() {
            List.copyOf(offers.values()).forEach(AgentOffer::cancel);
        }

        void stopTimer() {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
        }
    }

    private final class Ticket implements QueueTicket {
        private final Waiting waiting;

        Ticket(Waiting waiting) {
            this.waiting = waiting;
        }

        @Override
        public String queue() {
            return waiting.queue;
        }

        @Override
        public CompletableFuture<String> agentAnswered() {
            return waiting.answered;
        }

        @Override
        public int position() {
            return onWorker(() -> {
                if (waiting.local != null) {
                    return waiting.local.position();
                }
                if (!sharedUp || waiting.answered.isDone()) {
                    return 0;
                }
                try {
                    return shared.position(waiting.caller.callId());
                } catch (RedisException e) {
                    goLocal(e);
                    return 0;
                }
            });
        }

        @Override
        public Optional<Duration> estimatedWait() {
            return onWorker(() -> {
                if (waiting.local != null) {
                    return waiting.local.estimatedWait();
                }
                if (!sharedUp || waiting.answered.isDone()) {
                    return Optional.<Duration>empty();
                }
                try {
                    int staffed = (int) staffOf(waiting.queue).stream().filter(a -> a.state() != AgentState.LOGGED_OUT).count();
                    return RecentHandleTimes.estimatedWait(shared.handleTimes(waiting.queue),
                            shared.position(waiting.caller.callId()), staffed);
                } catch (RedisException e) {
                    goLocal(e);
                    return Optional.<Duration>empty();
                }
            });
        }
    }
}
