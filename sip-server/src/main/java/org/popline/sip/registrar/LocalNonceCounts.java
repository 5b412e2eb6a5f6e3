package org.popline.sip.registrar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link NonceCounts} in this process's memory. A nonce is forgotten once it is stale anyway; the
 * table is bounded so that it cannot grow without limit.
 */
public final class LocalNonceCounts implements NonceCounts {
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

    public LocalNonceCounts(Duration lifetime, Clock clock) {
        this.lifetime = lifetime;
        this.clock = clock;
    }

    @Override
    public synchronized boolean advance(String nonce, long count) {
        Seen last = seen.get(nonce);
        if (last != null && count <= last.count()) {
            return false;
        }
        Instant forgetAt = last == null ? clock.instant().plus(lifetime) : last.forgetAt();
        seen.put(nonce, new Seen(count, forgetAt));
        return true;
    }

    @Override
    public synchronized void forgetStale() {
        Instant now = clock.instant();
        for (Iterator<Seen> i = seen.values().iterator(); i.hasNext(); ) {
            if (i.next().forgetAt().isBefore(now)) {
                i.remove();
            }
        }
    }
}
