package org.popline.desk;

import java.time.Duration;
import java.util.Optional;
import org.popline.desk.DeskSessions.Session;

/**
 * Where the agents' page sessions live: this node's memory ({@link LocalSessionStore}), or a store
 * every node shares, so that a session begun on one node is good on all and logging out anywhere ends
 * it everywhere. A session unused for {@link #IDLE_LIMIT} is gone. Thread-safe.
 */
public interface SessionStore {
    /** A session unused this long is gone: the agent logs in again. */
    Duration IDLE_LIMIT = Duration.ofHours(12);

    void save(Session session);

    /** The live session with this id, which counts as using it. */
    Optional<Session> use(String id);

    /** Whether the session is still live, without counting as use (an open event stream checks this). */
    boolean live(Session session);

    void remove(Session session);
}
