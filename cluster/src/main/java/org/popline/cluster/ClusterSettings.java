package org.popline.cluster;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How a node joins the cluster.
 *
 * @param redis e.g. {@code redis://127.0.0.1:6379}
 * @param node this node's name, unique in the cluster; it names the node's callers and reservations
 * @param lease how long a node's callers and reservations outlive its last heartbeat
 * @param tick how often the node renews its lease, frees dead nodes' holdings and looks for offers
 *     other nodes' agents made possible; also how soon it notices Redis is back
 */
public record ClusterSettings(URI redis, String node, Duration lease, Duration tick) {

    public ClusterSettings {
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(node, "node");
        if (!"redis".equals(redis.getScheme()) || redis.getHost() == null) {
            throw new IllegalArgumentException("cluster.redis must look like redis://HOST:PORT, got " + redis);
        }
        if (node.isBlank() || !node.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("node.name may hold letters, digits, '.', '_' and '-' only, got '" + node + "'");
        }
        if (tick.isZero() || tick.isNegative() || lease.compareTo(tick.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("cluster.lease must be at least three ticks (" + tick + "), got " + lease);
        }
    }
}
