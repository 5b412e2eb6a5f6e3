package org.popline.desk;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.popline.desk.DeskSessions.Session;

/** Sessions in this node's memory: the default, and a clustered node's fallback while the shared store is away. */
public final class LocalSessionStore implements SessionStore {
    private record Entry(Session session, Instant lastUsed) {
    }

    private final Clock clock;
    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();

    public LocalSessionStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void save(Session session) {
        Instant now = clock.instant();
        sessions.values().removeIf(e -> expired(e, now));
        sessions.put(session.id(), new Entry(session, now));
    }

    @Override
    public Optional<Session> use(String id) {
        Instant now = clock.instant();
        Entry entry = sessions.computeIfPresent(id, (k, e) -> expired(e, now) ? null : new Entry(e.session(), now));
        return Optional.ofNullable(entry).map(Entry::session);
    }

    @Override
    public boolean live(Session session) {
        Entry entry = sessions.get(session.id());
        return entry != null && !expired(entry, clock.instant());
    }

    @Override
    public void remove(Session session) {
        sessions.remove(session.id());
    }

    private static boolean expired(Entry e, Instant now) {
        return e.lastUsed().plus(IDLE_LIMIT).isBefore(now);
    }
}
