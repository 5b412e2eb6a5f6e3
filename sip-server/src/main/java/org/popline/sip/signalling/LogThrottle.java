package org.popline.sip.signalling;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Lets one log line per key through per period and counts the rest, so that a peer sending junk
 * cannot fill the disk with our logs. Bounded: past {@code maxKeys} keys the table starts afresh,
 * which at worst lets one more line per key through.
 */
final class LogThrottle {
    private final long periodNanos;
    private final int maxKeys;
    private final LongSupplier clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** The start of a key's current period and the lines held back in it (changed only inside compute). */
    private static final class Window {
        final long start;
        long suppressed;

        Window(long start) {
            this.start = start;
        }
    }

    LogThrottle(long periodNanos, int maxKeys, LongSupplier clock) {
        this.periodNanos = periodNanos;
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    /**
     * -1 when this line is to be held back; otherwise it may be logged, and the answer is how many
     * lines of the key were held back since the last one that was.
     */
    long admit(String key) {
        long now = clock.getAsLong();
        if (windows.size() >= maxKeys && !windows.containsKey(key)) {
            windows.clear();
        }
        long[] answer = new long[1];
        windows.compute(key, (k, w) -> {
            if (w != null && now - w.start < periodNanos) {
                w.suppressed++;
                answer[0] = -1;
                return w;
            }
            answer[0] = w == null ? 0 : w.suppressed;
            return new Window(now);
        });
        return answer[0];
    }
}
