package org.popline.desk;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.popline.ivr.ScreenPop;
import org.popline.queue.AcdEvent;
import org.popline.queue.AcdListener;
import org.popline.queue.AgentEvent;
import org.popline.queue.AgentProfile;
import org.popline.queue.Caller;
import org.popline.sip.agent.OfferListener;
import org.popline.sip.call.ScreenPops;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents' pages' view of the world, one {@link AgentDesk} per agent: the ACD's state changes,
 * the dialer's offers and the flows' screen pops come in; each agent's open pages get that agent's
 * snapshot after every change, and only that agent's. Changes go through a {@link DeskRelay}: when
 * clustered, every node's desks apply every node's changes in one order.
 */
public final class AgentDesks implements AcdListener, OfferListener, ScreenPops {
    private static final Logger log = LoggerFactory.getLogger(AgentDesks.class);

    /** One open page's stream of snapshots and pops; must return quickly. */
    public interface Subscriber extends Consumer<Map<String, Object>> {
        /** A screen pop to open, as {@link PendingPop#forPage()}; the page says when it has ({@link #seen}). */
        default void pop(String id, Map<String, Object> pop) {
        }
    }

    /** Pop ids are UUIDs: anything longer a page sends is no pop of ours. */
    private static final int MAX_POP_ID = 64;

    private final Clock clock;
    private final Map<String, AgentDesk> desks;
    private final Map<String, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private final DeskRelay relay;
    private final PendingPops pops;

    /** One node: changes apply where they happen, pending pops are kept in memory. */
    public AgentDesks(List<AgentProfile> agents, Map<String, Duration> wrapUps, Clock clock) {
        this(agents, wrapUps, clock, DeskRelay.local(), new LocalPendingPops(clock));
    }

    /**
     * @param wrapUps each queue's wrap-up time
     * @param relay how changes reach every node's desks, these included; started here
     */
    public AgentDesks(List<AgentProfile> agents, Map<String, Duration> wrapUps, Clock clock, DeskRelay relay,
            PendingPops pops) {
        this.clock = clock;
        this.desks = agents.stream().collect(Collectors.toUnmodifiableMap(AgentProfile::id,
                a -> new AgentDesk(a, Map.copyOf(wrapUps), clock.instant())));
        this.relay = relay;
        this.pops = pops;
        relay.start(this::apply);
    }

    @Override
    public void onEvent(AcdEvent event) {
        if (event instanceof AgentEvent moved && desks.containsKey(moved.agentId())) {
            relay.send(new DeskChange.Moved(moved));
        }
    }

    @Override
    public void offered(String agentId, Caller caller, String queue, Optional<String> caseNumber) {
        if (desks.containsKey(agentId)) {
            relay.send(new DeskChange.Offered(agentId, caller, queue, caseNumber));
        }
    }

    @Override
    public void deliver(String agentId, String callId, ScreenPop pop) {
        if (desks.containsKey(agentId)) {
            PendingPop pending = new PendingPop(UUID.randomUUID().toString(), agentId, callId, pop);
            // held before it is sent, so that no page can see it and say so before it is held
            pops.hold(pending);
            relay.send(new DeskChange.Popped(pending));
        }
    }

    /** A change, from this node or another (through the relay), applied to its agent's desk. */
    private void apply(DeskChange change) {
        if (change instanceof DeskChange.Moved moved) {
            update(change.agentId(), desk -> desk.moved(moved.event()), null);
        } else if (change instanceof DeskChange.Offered o) {
            update(change.agentId(), desk -> desk.offered(o.caller(), o.queue(), o.caseNumber()), null);
        } else {
            PendingPop pop = ((DeskChange.Popped) change).pop();
            AtomicBoolean shown = new AtomicBoolean();
            update(change.agentId(), desk -> shown.set(desk.popped(pop.callId(), pop.pop())), pop);
            if (!shown.get()) {
                log.info("screen pop for agent {} dropped: the call is no longer theirs", change.agentId());
            }
        }
    }

    /**
     * Sends {@code subscriber} the agent's snapshot now and after every change, until the returned
     * action is run. The first snapshot is what a page that (re)connects needs; a pop of the agent's
     * current call that no page has shown yet follows it.
     *
     * @param lastPopId the pop the page last had (the event stream's Last-Event-ID): seen, not sent again
     */
    public Runnable subscribe(String agentId, Optional<String> lastPopId, Subscriber page) {
        AgentDesk desk = desk(agentId);
        // A pop read back here may also arrive live a moment later (held before it reaches this node's desks).
        Subscriber subscriber = new Subscriber() {
            private String lastPop = lastPopId.orElse("");

            @Override
            public void accept(Map<String, Object> snapshot) {
                page.accept(snapshot);
            }

            @Override
            public void pop(String id, Map<String, Object> pop) {
                if (!id.equals(lastPop)) {
                    lastPop = id;
                    page.pop(id, pop);
                }
            }
        };
        lastPopId.ifPresent(id -> seen(agentId, id));
        Optional<PendingPop> missed = pops.pending(agentId);
        Set<Subscriber> set = subscribers.computeIfAbsent(agentId, id -> new CopyOnWriteArraySet<>());
        // Under the lock, so that no change's snapshot can overtake this first one.
        synchronized (desk) {
            set.add(subscriber);
            subscriber.accept(desk.snapshot(clock.instant()));
            missed.filter(p -> desk.isCurrent(p.callId())).ifPresent(p -> subscriber.pop(p.id(), p.forPage()));
        }
        return () -> set.remove(subscriber);
    }

    public Runnable subscribe(String agentId, Subscriber subscriber) {
        return subscribe(agentId, Optional.empty(), subscriber);
    }

    /** One of the agent's pages showed pop {@code popId}: no page of theirs gets it again. */
    public void seen(String agentId, String popId) {
        desk(agentId);
        if (popId.length() <= MAX_POP_ID) {
            pops.seen(agentId, popId);
        }
    }

    public Map<String, Object> snapshot(String agentId) {
        AgentDesk desk = desk(agentId);
        synchronized (desk) {
            return desk.snapshot(clock.instant());
        }
    }

    private void update(String agentId, Consumer<AgentDesk> change, PendingPop pop) {
        AgentDesk desk = desks.get(agentId);
        if (desk == null) {
            return;
        }
        // Snapshots are taken and handed on under the desk's lock so that pages see them in order.
        synchronized (desk) {
            change.accept(desk);
            Map<String, Object> now = desk.snapshot(clock.instant());
            Set<Subscriber> pages = subscribers.getOrDefault(agentId, Set.of());
            pages.forEach(s -> s.accept(now));
            if (pop != null && desk.isCurrent(pop.callId())) {
                pages.forEach(s -> s.pop(pop.id(), pop.forPage()));
            }
        }
    }

    private AgentDesk desk(String agentId) {
        AgentDesk desk = desks.get(agentId);
        if (desk == null) {
            throw new IllegalArgumentException("no agent " + agentId);
        }
        return desk;
    }
}
