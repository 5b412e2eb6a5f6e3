package org.popline.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * One connection to Redis, made on first use and made again after a failed first attempt (Lettuce
 * reconnects an established connection by itself). While Redis is down commands fail at once
 * instead of queueing, so a node notices and falls back without waiting.
 */
final class RedisLink implements AutoCloseable {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);

    private final RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private StatefulRedisPubSubConnection<String, String> pubSub;
    private final Map<String, Consumer<String>> listeners = new ConcurrentHashMap<>();

    RedisLink(URI redis) {
        RedisURI uri = RedisURI.create(redis.toString());
        uri.setTimeout(COMMAND_TIMEOUT);
        client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
    }

    /** @throws io.lettuce.core.RedisConnectionException Redis cannot be reached */
    synchronized RedisCommands<String, String> commands() {
        if (connection == null) {
            connection = client.connect(StringCodec.UTF8);
        }
        return connection.sync();
    }

    /**
     * Hands every message on {@code channel} from now on to {@code onMessage} (on Lettuce's thread: it must
     * return quickly), again after reconnects; does nothing when already subscribed to that channel.
     *
     * @throws io.lettuce.core.RedisConnectionException Redis cannot be reached
     */
    synchronized void subscribe(String channel, Consumer<String> onMessage) {
        if (listeners.containsKey(channel)) {
            return;
        }
        if (pubSub == null) {
            StatefulRedisPubSubConnection<String, String> subscribed = client.connectPubSub(StringCodec.UTF8);
            subscribed.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String from, String message) {
                    listeners.getOrDefault(from, m -> { }).accept(message);
                }
            });
            pubSub = subscribed;
        }
        pubSub.sync().subscribe(channel);
        listeners.put(channel, onMessage);
    }

    boolean subscribed(String channel) {
        return listeners.containsKey(channel);
    }

    @Override
    public synchronized void close() {
        if (pubSub != null) {
            pubSub.close();
        }
        if (connection != null) {
            connection.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
