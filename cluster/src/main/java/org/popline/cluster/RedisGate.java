package org.popline.cluster;

import io.lettuce.core.RedisException;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis for callers that have their own state to fall back on: a command that fails makes the next
 * ones skip Redis for a while, so that while Redis is away only one request every few seconds
 * waits to find out. Says once that Redis is away and once that it is back. Thread-safe.
 */
final class RedisGate {
    private static final Logger log = LoggerFactory.getLogger(RedisGate.class);
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final RedisLink link;
    private final String what;
    private volatile boolean away;
    private volatile long retryAt;

    /** @param what names the state in the log, e.g. "registrar's security state" */
    RedisGate(RedisLink link, String what) {
        this.link = link;
        this.what = what;
    }

    /** What the command returned; empty when Redis is away (the caller uses its own state then). */
    <T> Optional<T> call(Function<RedisCommands<String, String>, T> command) {
        if (away && System.nanoTime() - retryAt < 0) {
            return Optional.empty();
        }
        try {
            T result = command.apply(link.commands());
            if (away) {
                away = false;
                log.info("Redis is back: sharing the {} again", what);
            }
            return Optional.ofNullable(result);
        } catch (RedisException e) {
            retryAt = System.nanoTime() + RETRY_NANOS;
            if (!away) {
                away = true;
                log.warn("Redis cannot be reached, this node keeps the {} on its own: {}", what, e.toString());
            }
            return Optional.empty();
        }
    }
}
