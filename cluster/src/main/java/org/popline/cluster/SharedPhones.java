package org.popline.cluster;

import io.lettuce.core.RedisException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
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

    /** An agent's phone as another node needs it to send an INVITE there. */
    public record Phone(String sipUser, String contactUri, String transport, String node) {
    }

    private final RedisLink link;
    private final String node;

    public SharedPhones(URI redis, String node) {
        this.link = new RedisLink(redis);
        this.node = node;
    }

    /** Publishes (or refreshes) the phone registered on this node, until {@code expiresAt}. */
    public void publish(String agentId, String sipUser, String contactUri, String transport, Instant expiresAt) {
        long ttl = Duration.between(Instant.now(), expiresAt).toMillis();
        if (ttl <= 0) {
            return;
        }
        try {
            synchronized (link) {
                var redis = link.commands();
                redis.hset(KEY + agentId, Map.of("sipUser", sipUser, "contact", contactUri, "transport", transport,
                        "node", node));
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
            return Optional.of(new Phone(h.get("sipUser"), h.get("contact"), h.get("transport"), h.get("node")));
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
