package org.popline.app.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import org.popline.cluster.ClusterSettings;

/** Reads {@code node.name} and the {@code cluster} section. */
final class ClusterReader {
    private ClusterReader() {
    }

    static ClusterConfig read(ConfigReader r) throws ConfigException {
        String node = r.string("node.name", hostName());
        if (!node.matches("[A-Za-z0-9._-]{1,64}")) {
            throw r.error("node.name", "'" + node + "': use 1 to 64 letters, digits, '.', '_' or '-'");
        }
        String redis = r.string("cluster.redis", "");
        Duration lease = r.duration("cluster.lease", Duration.ofSeconds(10), false);
        Duration tick = r.duration("cluster.tick", Duration.ofMillis(250), false);
        if (redis.isEmpty()) {
            return new ClusterConfig(node, Optional.empty());
        }
        URI uri;
        try {
            uri = URI.create(redis);
        } catch (IllegalArgumentException e) {
            throw r.error("cluster.redis", "'" + redis + "' is not a URI like redis://127.0.0.1:6379");
        }
        try {
            return new ClusterConfig(node, Optional.of(new ClusterSettings(uri, node, lease, tick)));
        } catch (IllegalArgumentException e) {
            throw r.error("cluster", e.getMessage());
        }
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
            return name.isEmpty() ? "popline" : name.substring(0, Math.min(64, name.length()));
        } catch (UnknownHostException e) {
            return "popline";
        }
    }
}
