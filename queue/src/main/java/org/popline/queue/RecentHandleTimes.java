package org.popline.queue;

import java.time.Duration;
import java.util.Collection;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The handle times (talk plus wrap-up) of a queue's most recent calls, and the wait they suggest.
 * Public for the shared ACD, which keeps the times elsewhere but estimates the same way.
 */
public final class RecentHandleTimes {
    static final int KEPT = 20;
    /** Below this many calls an estimate is a guess; better to say nothing. */
    static final int NEEDED_FOR_ESTIMATE = 3;

    private final Deque<Duration> recent = new ArrayDeque<>(KEPT);

    void add(Duration handleTime) {
        if (recent.size() == KEPT) {
            recent.removeFirst();
        }
        recent.addLast(handleTime);
    }

    /**
     * Each staffed agent clears one caller per mean handle time, so the caller at {@code position}
     * waits about position × mean ÷ staffed.
     */
    Optional<Duration> estimatedWait(int position, int staffedAgents) {
        return estimatedWait(recent, position, staffedAgents);
    }

    /** As {@link #estimatedWait(int, int)}, from the {@code recent} handle times kept elsewhere. */
    public static Optional<Duration> estimatedWait(Collection<Duration> recent, int position, int staffedAgents) {
        if (recent.size() < NEEDED_FOR_ESTIMATE || staffedAgents == 0 || position < 1) {
            return Optional.empty();
        }
        Duration total = recent.stream().reduce(Duration.ZERO, Duration::plus);
        return Optional.of(total.dividedBy(recent.size()).multipliedBy(position).dividedBy(staffedAgents));
    }
}
