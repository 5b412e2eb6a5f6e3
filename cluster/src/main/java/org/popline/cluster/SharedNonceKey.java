package org.popline.cluster;

import io.lettuce.core.SetArgs;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.popline.sip.registrar.NonceKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One nonce key for all nodes, so that a phone may answer one node's challenge to another: the
 * first node to start stores its key in Redis and the others take it. Read again every few seconds,
 * so that after Redis lost it (a restart without persistence) the nodes agree on a new one. Until a
 * node has read a shared key (Redis away since its start) it signs with its own; once read, the
 * shared key is kept while Redis is away.
 */
final class SharedNonceKey implements NonceKey {
    private static final Logger log = LoggerFactory.getLogger(SharedNonceKey.class);
    private static final String KEY = "{reg}:nonce-key";
    private static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final RedisGate gate;
    private final byte[] own = NonceKey.random().current();
    private volatile byte[] shared;
    private volatile long refreshAt = System.nanoTime();

    SharedNonceKey(RedisGate gate) {
        this.gate = gate;
    }

    @Override
    public byte[] current() {
        if (System.nanoTime() - refreshAt >= 0) {
            refresh();
        }
        byte[] key = shared;
        return key != null ? key : own;
    }

    private synchronized void refresh() {
        if (System.nanoTime() - refreshAt < 0) {
            return;
        }
        refreshAt = System.nanoTime() + REFRESH_NANOS;
        String candidate = Base64.getEncoder().encodeToString(own);
        gate.call(redis -> Objects.requireNonNullElse(redis.setGet(KEY, candidate, SetArgs.Builder.nx()), candidate))
                .map(Base64.getDecoder()::decode)
                .ifPresent(key -> {
                    if (shared != null && !Arrays.equals(shared, key)) {
                        log.info("the cluster's nonce key changed (Redis lost it): phones get fresh challenges");
                    }
                    shared = key;
                });
    }
}
