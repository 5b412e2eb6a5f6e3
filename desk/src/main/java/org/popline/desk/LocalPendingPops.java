package org.popline.desk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Pending pops in this node's memory: the default, and a clustered node's fallback while Redis is away. */
public final class LocalPendingPops implements PendingPops {
    /** A pop nobody has seen this long is for a call long over. */
    public static final Duration KEEP = Duration.ofMinutes(10);

    private record Held(PendingPop pop, Instant until) {
    }

    private final Clock clock;
    private final Map<String, Held> pops = new ConcurrentHashMap<>();

    public LocalPendingPops(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void hold(PendingPop pop) {
        Instant now = clock.instant();
        pops.values().removeIf(h -> h.until().isBefore(now));
        pops.put(pop.agentId(), new Held(pop, now.plus(KEEP)));
    }

    @Override
    public Optional<PendingPop> pending(String agentId) {
        Held held = pops.get(agentId);
        return held == null || held.until().isBefore(clock.instant()) ? Optional.empty() : Optional.of(held.pop());
    }

    @Override
    public void seen(String agentId, String id) {
        pops.computeIfPresent(agentId, (k, h) -> h.pop().id().equals(id) ? null : h);
    }
}
