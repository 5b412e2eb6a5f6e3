package org.popline.cluster;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.popline.desk.DeskSessions.Session;
import org.popline.desk.LocalSessionStore;
import org.popline.desk.SessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agents' page sessions in Redis, good on every node until unused for {@link #IDLE_LIMIT} (the key's
 * TTL) or logged out anywhere. Keyed by a digest of the session id, so that what Redis holds cannot be
 * used as a cookie. Redis is the truth whenever it answers; while it does not, this node's copy
 * answers, and sessions begun meanwhile are written to Redis on their first use after it returns.
 */
final class SharedDeskSessions implements SessionStore {
    private static final Logger log = LoggerFactory.getLogger(SharedDeskSessions.class);
    private static final String KEY = "{desk}:session:";
    private static final String SAVE = "redis.call('HSET', KEYS[1], 'agent', ARGV[1], 'csrf', ARGV[2]) "
            + "return redis.call('PEXPIRE', KEYS[1], ARGV[3])";

    private final RedisLink link;
    private final LocalSessionStore local;
    /** Ids of sessions begun while Redis was away, not yet in Redis. */
    private final Set<String> unshared = ConcurrentHashMap.newKeySet();

    SharedDeskSessions(RedisLink link, Clock clock) {
        this.link = link;
        this.local = new LocalSessionStore(clock);
    }

    @Override
    public void save(Session session) {
        local.save(session);
        try {
            share(session);
        } catch (RedisException e) {
            unshared.add(session.id());
            log.warn("agent page session of {} kept on this node only, Redis unreachable: {}", session.agentId(),
                    e.getMessage());
        }
    }

    @Override
    public Optional<Session> use(String id) {
        try {
            if (unshared.contains(id)) {
                Optional<Session> begunHere = local.use(id);
                begunHere.ifPresent(this::share);
                unshared.remove(id);
                return begunHere;
            }
            String key = key(id);
            List<KeyValue<String, String>> fields = link.commands().hmget(key, "agent", "csrf");
            if (fields.stream().anyMatch(f -> !f.hasValue())) {
                local.remove(new Session(id, "", ""));
                return Optional.empty();
            }
            link.commands().pexpire(key, IDLE_LIMIT.toMillis());
            Session session = new Session(id, fields.get(0).getValue(), fields.get(1).getValue());
            local.save(session);
            return Optional.of(session);
        } catch (RedisException e) {
            return local.use(id);
        }
    }

    @Override
    public boolean live(Session session) {
        try {
            return unshared.contains(session.id()) ? local.live(session) : link.commands().exists(key(session.id())) == 1;
        } catch (RedisException e) {
            return local.live(session);
        }
    }

    @Override
    public void remove(Session session) {
        local.remove(session);
        unshared.remove(session.id());
        try {
            link.commands().del(key(session.id()));
        } catch (RedisException e) {
            log.warn("agent page logout of {} not shared, Redis unreachable: other nodes keep the session until"
                    + " it idles out", session.agentId());
        }
    }

    private void share(Session session) {
        link.commands().eval(SAVE, ScriptOutputType.INTEGER, new String[] {key(session.id())}, session.agentId(),
                session.csrfToken(), Long.toString(IDLE_LIMIT.toMillis()));
    }

    private static String key(String id) {
        try {
            return KEY + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
