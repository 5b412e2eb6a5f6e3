package org.popline.queue;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One queue as configured.
 *
 * @param maxSize callers waiting at most; a further caller is refused (the flow's failure link)
 * @param maxWait how long a caller waits before the queue gives up on them (the flow's failure link)
 * @param ringTimeout how long an agent's phone rings before the offer is withdrawn (ring-no-answer)
 * @param wrapUp how long an agent stays in wrap-up after a call before becoming available again
 * @param announceEvery how often a waiting caller is told their position and expected wait; empty: never
 */
public record QueueSettings(String name, Routing routing, int maxSize, Duration maxWait, Duration ringTimeout,
        Duration wrapUp, Optional<Duration> announceEvery) {

    public QueueSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(announceEvery, "announceEvery");
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be at least 1");
        }
    }
}
