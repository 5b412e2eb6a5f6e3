package org.popline.cluster;

import io.lettuce.core.RedisException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each agent's phone can be reached, shared between nodes: the node a phone registered on
 * publishes its contact, and any node ringing that agent looks it up. An entry lives in Redis
 * until the registration would expire. Redis away: nothing is published and nothing found, each
 * node rings the phones registered on it. Thread-safe.
 */
public final class SharedPhones implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SharedPhones.class);
    private static final String KEY = "{reg}:phone:";

    /**
     * An agent's phone as another node needs it to send an INVITE there.
     *
     * @param path the Path of its REGISTER, to send as Route; empty when it registered directly
     */
    public record Phone(String sipUser, String contactUri, String transport, List<String> path, String node) {

        public Phone {
            path = List.copyOf(path);
        }
    }

    private final RedisLink link;
    private final String node;

    public SharedPhones(URI redis, String node) {
        this.link = new RedisLink(redis);
        this.node = node;
    }

    /** Publishes (or refreshes) the phone registered on this node, until {@code expiresAt}. */
    public void publish(String agentId, String sipUser, String contactUri, String transport, List<String> path,
            Instant expiresAt) {
        long ttl = Duration.between(Instant.now(), expiresAt).toMillis();
        if (ttl <= 0) {
            return;
        }
        try {
            synchronized (link) {
                var redis = link.commands();
                // a Path value never holds a line break: one per line
                redis.hset(KEY + agentId, Map.of("sipUser", sipUser, "contact", contactUri, "transport", transport,
                        "path", String.join("\n", path), "node", node));
                redis.pexpire(KEY + agentId, ttl);
            }
        } catch (RedisException e) {
            log.debug("phone of {} not published: {}", agentId, e.toString());
        }
    }

    /** The phone is gone from this node: forget it unless another node published it since. */
    public void remove(String agentId) {
        try {
            synchronized (link) {
                var redis = link.commands();
                if (node.equals(redis.hget(KEY + agentId, "node"))) {
                    redis.del(KEY + agentId);
                }
            }
        } catch (RedisException e) {
            log.debug("phone of {} not removed: {}", agentId, e.toString());
        }
    }

    /** The phone another node published for the agent; empty when none, or Redis cannot be reached. */
    public Optional<Phone> find(String agentId) {
        try {
            Map<String, String> h;
            synchronized (link) {
                h = link.commands().hgetall(KEY + agentId);
            }
            if (h.get("contact") == null) {
                return Optional.empty();
            }
            String path = h.getOrDefault("path", "");
            return Optional.of(new Phone(h.get("sipUser"), h.get("contact"), h.get("transport"),
                    path.isEmpty() ? List.of() : List.of(path.split("\n")), h.get("node")));
        } catch (RedisException e) {
            log.debug("phone of {} not looked up: {}", agentId, e.toString());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        link.close();
    }
}
