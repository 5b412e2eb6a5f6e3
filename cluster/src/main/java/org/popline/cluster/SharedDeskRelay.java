package org.popline.cluster;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.popline.desk.DeskChange;
import org.popline.desk.DeskRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Desk changes through Redis: one script numbers each change, appends it to its agent's recent log and
 * publishes it, so every node (this one included) applies every change in the one order Redis gave
 * them. A node starting reads each agent's log back first, so its pages show what the others' do.
 * While Redis cannot be reached a change is applied on this node only.
 */
final class SharedDeskRelay implements DeskRelay {
    private static final Logger log = LoggerFactory.getLogger(SharedDeskRelay.class);
    private static final String CHANNEL = "{desk}:changes";
    private static final String LOG = "{desk}:log:";
    /** About the last ten calls' changes: what an agent's page lists. */
    private static final int LOG_LENGTH = 100;
    private static final long LOG_TTL_MILLIS = 12 * 3600 * 1000L;
    private static final String SEND = "local seq = redis.call('INCR', KEYS[1]) "
            + "local entry = seq .. ' ' .. ARGV[1] "
            + "redis.call('RPUSH', KEYS[2], entry) "
            + "redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1) "
            + "redis.call('PEXPIRE', KEYS[2], ARGV[3]) "
            + "redis.call('PUBLISH', ARGV[4], entry) "
            + "return seq";

    private final RedisLink link;
    private final Set<String> agentIds;
    private Consumer<DeskChange> apply = change -> { };
    /** Per agent, the number of the last change applied: a change read back and heard again counts once. */
    private final Map<String, Long> applied = new HashMap<>();
    /** Changes heard while the logs are read back; null once they have been. */
    private List<String> heardMeanwhile;
    private boolean subscribed;
    /** One thread at a time joins; not {@code this}, which Lettuce's thread takes to hand over what it heard. */
    private final Object joining = new Object();

    SharedDeskRelay(RedisLink link, Collection<String> agentIds) {
        this.link = link;
        this.agentIds = Set.copyOf(agentIds);
    }

    @Override
    public void start(Consumer<DeskChange> apply) {
        this.apply = apply;
        try {
            join();
        } catch (RedisException e) {
            log.warn("Redis unreachable ({}): the agents' pages show this node's changes until it answers",
                    e.getMessage());
        }
    }

    @Override
    public void send(DeskChange change) {
        try {
            join();
            link.commands().eval(SEND, ScriptOutputType.INTEGER, new String[] {"{desk}:seq", LOG + change.agentId()},
                    change.toJson(), Integer.toString(LOG_LENGTH), Long.toString(LOG_TTL_MILLIS), CHANNEL);
        } catch (RedisException e) {
            log.debug("desk change of {} applied on this node only: {}", change.agentId(), e.toString());
            apply.accept(change);
        }
    }

    /** Subscribes, then reads the agents' logs back; does nothing once done. */
    private void join() {
        synchronized (joining) {
            synchronized (this) {
                if (subscribed) {
                    return;
                }
                heardMeanwhile = new ArrayList<>();
            }
            try {
                link.subscribe(CHANNEL, this::heard);
                for (String agentId : agentIds) {
                    for (String entry : link.commands().lrange(LOG + agentId, 0, -1)) {
                        deliver(entry);
                    }
                }
            } finally {
                synchronized (this) {
                    heardMeanwhile.forEach(this::deliver);
                    heardMeanwhile = null;
                    subscribed = link.subscribed(CHANNEL);
                }
            }
        }
    }

    private synchronized void heard(String entry) {
        if (heardMeanwhile != null) {
            heardMeanwhile.add(entry);
        } else {
            deliver(entry);
        }
    }

    private synchronized void deliver(String entry) {
        try {
            int space = entry.indexOf(' ');
            long seq = Long.parseLong(entry.substring(0, space));
            DeskChange change = DeskChange.fromJson(entry.substring(space + 1));
            if (!agentIds.contains(change.agentId()) || seq <= applied.getOrDefault(change.agentId(), 0L)) {
                return;
            }
            applied.put(change.agentId(), seq);
            apply.accept(change);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            log.warn("a desk change from Redis ignored: {}", e.getMessage());
        }
    }
}
