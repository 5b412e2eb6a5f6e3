package org.popline.ops.supervisor;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.popline.queue.AcdEvent;
import org.popline.queue.AcdListener;
import org.popline.queue.CallerEvent;

/**
 * Each queue's calls today (in the clock's zone), counted from the ACD's caller events: offered (joined the
 * queue), answered (an agent took it), abandoned (the caller hung up first) and missed (the queue gave up: longest
 * wait passed or no agent). The counts start again at midnight.
 */
public final class QueueDayCounts implements AcdListener {

    /** One queue's counts for one day. */
    public record Counts(int offered, int answered, int missed, int abandoned) {
        Counts plus(CallerEvent.Kind kind) {
            return switch (kind) {
                case QUEUED -> new Counts(offered + 1, answered, missed, abandoned);
                case ANSWERED -> new Counts(offered, answered + 1, missed, abandoned);
                case GAVE_UP -> new Counts(offered, answered, missed + 1, abandoned);
                case LEFT -> new Counts(offered, answered, missed, abandoned + 1);
                case OFFERED -> this;
            };
        }
    }

    private static final Counts NONE = new Counts(0, 0, 0, 0);

    private final Clock clock;
    private final Map<String, Counts> counts = new TreeMap<>();
    private LocalDate day;

    /** @param queues the configured queues, shown with zero counts until their first call */
    public QueueDayCounts(Clock clock, Iterable<String> queues) {
        this.clock = clock;
        this.day = LocalDate.now(clock);
        queues.forEach(q -> counts.put(q, NONE));
    }

    @Override
    public synchronized void onEvent(AcdEvent event) {
        if (event instanceof CallerEvent caller) {
            rollOver();
            counts.merge(caller.queue(), NONE.plus(caller.kind()), (old, one) -> old.plus(caller.kind()));
        }
    }

    /** Today's counts by queue name. */
    public synchronized Map<String, Counts> today() {
        rollOver();
        return new TreeMap<>(counts);
    }

    private void rollOver() {
        LocalDate now = LocalDate.now(clock);
        if (!now.equals(day)) {
            day = now;
            counts.replaceAll((queue, old) -> NONE);
        }
    }
}
