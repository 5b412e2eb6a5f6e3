package org.popline.sip.signalling;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A count of events for the metrics, with a log line allowed once per source address per
 * minute, so that one peer cannot fill the disk with our logs.
 */
final class CountedPerSource {
    private final AtomicLong count = new AtomicLong();
    private final LogThrottle perSource = new LogThrottle(TimeUnit.MINUTES.toNanos(1), 10_000, System::nanoTime);

    long count() {
        return count.get();
    }

    /**
     * Counts one event from {@code source}: -1 when its line is to be held back, otherwise how many
     * lines of that source were held back since the last one logged.
     */
    long record(String source) {
        count.incrementAndGet();
        return perSource.admit(source);
    }

    /** What to append to a logged line about the lines held back before it. */
    static String heldBack(long lines) {
        return lines > 0 ? " (" + lines + " more from there in the last minute, not logged)" : "";
    }
}
