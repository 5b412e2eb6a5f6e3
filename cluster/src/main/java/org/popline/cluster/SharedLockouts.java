package org.popline.cluster;

import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.popline.sip.registrar.Lockout;
import org.popline.sip.registrar.Lockouts;
import org.popline.sip.registrar.RegistrarConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed authentications and lockouts kept in Redis, so that guesses sent to several nodes add up
 * to one lockout that every node enforces; each step is one script. The rule is the registrar's
 * (a lockout twice as long each time, up to the longest). While Redis is away this node counts on
 * its own ({@code local}), as a single node does, and what it locked out then stays locked out
 * here until that lockout ends.
 *
 * @param <K> what is locked out: an address, an agent id
 */
final class SharedLockouts<K> implements Lockouts<K> {
    private static final Logger log = LoggerFactory.getLogger(SharedLockouts.class);
    private static final LuaScript REFUSES = LuaScript.of("registrar/lock-refuses.lua");
    private static final LuaScript FAILED = LuaScript.of("registrar/lock-failed.lua");

    private final String lockKey;
    private final String failuresKey;
    /** Sources by the end of their lockout: what {@link #lockouts()} lists. */
    private final String lockedKey;
    private final RedisGate gate;
    private final Lockouts<K> local;
    private final RegistrarConfig rule;
    private final Clock clock;
    private final Function<K, String> describe;

    /**
     * @param space    the hash tag of this kind's keys, for example {@code {reg}}: each kind of lockout is listed apart
     * @param describe names a source in Redis keys, the log and {@link #lockouts()}
     */
    SharedLockouts(String space, RedisGate gate, Lockouts<K> local, RegistrarConfig rule, Clock clock,
            Function<K, String> describe) {
        this.lockKey = space + ":lock:";
        this.failuresKey = space + ":failures:";
        this.lockedKey = space + ":locked";
        this.gate = gate;
        this.local = local;
        this.rule = rule;
        this.clock = clock;
        this.describe = describe;
    }

    @Override
    public boolean refuses(K source) {
        String name = describe.apply(source);
        boolean shared = gate.call(redis -> REFUSES.<Long>run(redis, ScriptOutputType.INTEGER, new String[] {lockKey + name},
                Long.toString(clock.millis()))).map(refused -> refused == 1L).orElse(false);
        return shared || local.refuses(source);
    }

    @Override
    public void failed(K source) {
        String name = describe.apply(source);
        gate.call(redis -> FAILED.<List<Long>>run(redis, ScriptOutputType.MULTI,
                        new String[] {failuresKey + name, lockKey + name, lockedKey}, Long.toString(clock.millis()),
                        UUID.randomUUID().toString(), Integer.toString(rule.lockoutAfter()),
                        Long.toString(rule.lockoutWindow().toMillis()), Long.toString(rule.lockout().toMillis()),
                        Long.toString(rule.maxLockout().toMillis()), name))
                .ifPresentOrElse(outcome -> {
                    if (outcome.get(0) > 0) {
                        log.warn("{} locked out for {}s: {} failed authentications within {}s on the cluster's nodes "
                                + "(lockout {} of it)", name, outcome.get(1) / 1000, rule.lockoutAfter(),
                                rule.lockoutWindow().toSeconds(), outcome.get(0));
                    }
                }, () -> local.failed(source));
    }

    @Override
    public void succeeded(K source) {
        local.succeeded(source);
        String name = describe.apply(source);
        gate.call(redis -> redis.del(failuresKey + name, lockKey + name) + redis.zrem(lockedKey, name));
    }

    /** The cluster's lockouts, and this node's own from while Redis was away. */
    @Override
    public List<Lockout> lockouts() {
        List<Lockout> out = new ArrayList<>(gate.call(this::lockedNow).orElse(List.of()));
        for (Lockout own : local.lockouts()) {
            if (out.stream().noneMatch(l -> l.source().equals(own.source()))) {
                out.add(own);
            }
        }
        return out;
    }

    @Override
    public void forgetQuietSources() {
        local.forgetQuietSources();
    }

    private List<Lockout> lockedNow(RedisCommands<String, String> redis) {
        long now = clock.millis();
        redis.zremrangebyscore(lockedKey, Range.create(0L, now));
        List<Lockout> out = new ArrayList<>();
        for (String name : redis.zrange(lockedKey, 0, -1)) {
            Map<String, String> h = redis.hgetall(lockKey + name);
            long until = Long.parseLong(h.getOrDefault("until", "0"));
            if (until > now) {
                out.add(new Lockout(name, Instant.ofEpochMilli(until), Integer.parseInt(h.getOrDefault("lockouts", "0")),
                        Long.parseLong(h.getOrDefault("refused", "0"))));
            }
        }
        return out;
    }
}
