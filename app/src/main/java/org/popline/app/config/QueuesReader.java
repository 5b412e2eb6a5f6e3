package org.popline.app.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.popline.queue.QueueSettings;
import org.popline.queue.Routing;

/** Reads the {@code queues} section: queue name to how the queue waits, rings and routes. */
final class QueuesReader {
    private QueuesReader() {
    }

    static List<QueueSettings> read(ConfigReader r) throws ConfigException {
        List<QueueSettings> queues = new ArrayList<>();
        for (String name : r.names("queues", "queue name to queue")) {
            String k = "queues." + name + ".";
            Routing routing = routing(r, k + "routing");
            int maxSize = r.integer(k + "max-size", 50, 1, 100_000);
            Duration maxWait = r.duration(k + "max-wait", Duration.ofMinutes(10), false);
            Duration ringTimeout = r.duration(k + "ring-timeout", Duration.ofSeconds(15), false);
            Duration wrapUp = r.duration(k + "wrap-up", Duration.ofSeconds(10), true);
            Duration announceEvery = r.duration(k + "announce-every", Duration.ZERO, true);
            queues.add(new QueueSettings(name, routing, maxSize, maxWait, ringTimeout, wrapUp,
                    announceEvery.isZero() ? Optional.empty() : Optional.of(announceEvery)));
        }
        return queues;
    }

    /** Written as in the configuration: {@code longest-available}, {@code round-robin}, {@code ring-all}. */
    private static Routing routing(ConfigReader r, String key) throws ConfigException {
        String text = r.string(key, "longest-available");
        for (Routing routing : Routing.values()) {
            if (configName(routing).equals(text)) {
                return routing;
            }
        }
        List<String> names = new ArrayList<>();
        for (Routing routing : Routing.values()) {
            names.add(configName(routing));
        }
        throw r.error(key, "unknown routing '" + text + "' (use " + String.join(", ", names) + ")");
    }

    private static String configName(Routing routing) {
        return routing.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
