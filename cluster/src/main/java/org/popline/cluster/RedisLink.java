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
     * Hears every message on {@code channel} from now on, again after reconnects; does nothing when
     * already subscribed.
     *
     * @throws io.lettuce.core.RedisConnectionException Redis cannot be reached
     */
    synchronized void subscribe(String channel, Runnable onMessage) {
        if (pubSub != null) {
            return;
        }
        StatefulRedisPubSubConnection<String, String> subscribed = client.connectPubSub(StringCodec.UTF8);
        subscribed.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String message) {
                onMessage.run();
            }
        });
        subscribed.sync().subscribe(channel);
        pubSub = subscribed;
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
