package org.popline.desk;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
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
 * snapshot after every change, and only that agent's.
 */
public final class AgentDesks implements AcdListener, OfferListener, ScreenPops {
    private static final Logger log = LoggerFactory.getLogger(AgentDesks.class);

    /** One open page's stream of snapshots; must return quickly. */
    public interface Subscriber extends Consumer<Map<String, Object>> {
    }

    private final Clock clock;
    private final Map<String, AgentDesk> desks;
    private final Map<String, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();

    /** @param wrapUps each queue's wrap-up time */
    public AgentDesks(List<AgentProfile> agents, Map<String, Duration> wrapUps, Clock clock) {
        this.clock = clock;
        this.desks = agents.stream().collect(Collectors.toUnmodifiableMap(AgentProfile::id,
                a -> new AgentDesk(a, Map.copyOf(wrapUps), clock.instant())));
    }

    @Override
    public void onEvent(AcdEvent event) {
        if (event instanceof AgentEvent moved) {
            update(moved.agentId(), desk -> desk.moved(moved));
        }
    }

    @Override
    public void offered(String agentId, Caller caller, String queue, Optional<String> caseNumber) {
        update(agentId, desk -> desk.offered(caller, queue, caseNumber));
    }

    @Override
    public void deliver(String agentId, String callId, ScreenPop pop) {
        update(agentId, desk -> {
            if (!desk.popped(callId, pop)) {
                log.info("screen pop for agent {} dropped: the call is no longer theirs", agentId);
            }
        });
    }

    /**
     * Sends {@code subscriber} the agent's snapshot now and after every change, until the returned
     * action is run. The first snapshot is what a page that (re)connects needs, a pop it missed included.
     */
    public Runnable subscribe(String agentId, Subscriber subscriber) {
        AgentDesk desk = desk(agentId);
        Set<Subscriber> set = subscribers.computeIfAbsent(agentId, id -> new CopyOnWriteArraySet<>());
        // Under the lock, so that no change's snapshot can overtake this first one.
        synchronized (desk) {
            set.add(subscriber);
            subscriber.accept(desk.snapshot(clock.instant()));
        }
        return () -> set.remove(subscriber);
    }

    public Map<String, Object> snapshot(String agentId) {
        AgentDesk desk = desk(agentId);
        synchronized (desk) {
            return desk.snapshot(clock.instant());
        }
    }

    private void update(String agentId, Consumer<AgentDesk> change) {
        AgentDesk desk = desks.get(agentId);
        if (desk == null) {
            return;
        }
        // Snapshots are taken and handed on under the desk's lock so that pages see them in order.
        synchronized (desk) {
            change.accept(desk);
            Map<String, Object> now = desk.snapshot(clock.instant());
            subscribers.getOrDefault(agentId, Set.of()).forEach(s -> s.accept(now));
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
