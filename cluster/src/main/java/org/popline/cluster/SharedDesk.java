package org.popline.cluster;

import java.net.URI;
import java.time.Clock;
import java.util.Collection;
import org.popline.desk.DeskRelay;
import org.popline.desk.PendingPops;
import org.popline.desk.SessionStore;

/**
 * The agents' pages shared between nodes through one Redis connection: their sessions, the changes
 * of what each agent's page shows, and pending screen pops. Each falls back to this node's memory
 * while Redis cannot be reached.
 */
public final class SharedDesk implements AutoCloseable {
    private final RedisLink link;
    private final SharedDeskSessions sessions;
    private final SharedDeskRelay relay;
    private final SharedPendingPops pops;

    /** @param agentIds the agents whose pages this node serves: their recent changes are read back at start */
    public SharedDesk(URI redis, Collection<String> agentIds, Clock clock) {
        this.link = new RedisLink(redis);
        this.sessions = new SharedDeskSessions(link, clock);
        this.relay = new SharedDeskRelay(link, agentIds);
        this.pops = new SharedPendingPops(link, clock);
    }

    public SessionStore sessions() {
        return sessions;
    }

    public DeskRelay relay() {
        return relay;
    }

    public PendingPops pops() {
        return pops;
    }

    @Override
    public void close() {
        link.close();
    }
}
