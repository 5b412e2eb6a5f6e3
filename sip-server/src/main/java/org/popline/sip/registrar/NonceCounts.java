package org.popline.sip.registrar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The highest nonce count (nc) seen with each nonce, so that a captured REGISTER cannot be sent
 * again: a phone that reuses a nonce must count up (RFC 7616 3.4). A nonce is forgotten once it is
 * stale anyway; the table is bounded so that it cannot grow without limit.
 */
final class NonceCounts {
    private static final int MAX_NONCES = 100_000;

    private record Seen(long count, Instant forgetAt) {
    }

    private final Duration lifetime;
    private final Clock clock;
    private final LinkedHashMap<String, Seen> seen = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
            return size() > MAX_NONCES;
        }
    };

    NonceCounts(Duration lifetime, Clock clock) {
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** True, and remembered, when {@code count} is higher than any count seen with this nonce. */
    synchronized boolean advance(String nonce, long count) {
        Seen last = seen.get(nonce);
        if (last != null && count <= last.count()) {
            return false;
        }
        Instant forgetAt = last == null ? clock.instant().plus(lifetime) : last.forgetAt();
        seen.put(nonce, new Seen(count, forgetAt));
        return true;
    }

    synchronized void forgetStale() {
        Instant now = clock.instant();
        for (Iterator<Seen> i = seen.values().iterator(); i.hasNext(); ) {
            if (i.next().forgetAt().isBefore(now)) {
                i.remove();
            }
        }
    }
}
