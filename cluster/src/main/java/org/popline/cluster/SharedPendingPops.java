package org.popline.cluster;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.popline.desk.LocalPendingPops;
import org.popline.desk.PendingPop;
import org.popline.desk.PendingPops;
import org.popline.ivr.ScreenPop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each agent's pending screen pop in Redis, so that a page on any node gets a pop it missed, and once:
 * the first page to say it showed the pop removes it for all. Kept for {@link LocalPendingPops#KEEP}.
 * While Redis cannot be reached this node's memory answers.
 */
final class SharedPendingPops implements PendingPops {
    private static final Logger log = LoggerFactory.getLogger(SharedPendingPops.class);
    private static final String KEY = "{desk}:pop:";
    /** Removes the pop only if it is still the one seen: a newer pop of the agent stays. */
    private static final String SEEN = "if redis.call('HGET', KEYS[1], 'id') == ARGV[1] then "
            + "return redis.call('DEL', KEYS[1]) end return 0";
    private static final String HOLD = "redis.call('DEL', KEYS[1]) "
            + "redis.call('HSET', KEYS[1], 'id', ARGV[1], 'call', ARGV[2], 'url', ARGV[3], 'target', ARGV[4], 'label', ARGV[5]) "
            + "return redis.call('PEXPIRE', KEYS[1], ARGV[6])";

    private final RedisLink link;
    private final LocalPendingPops local;

    SharedPendingPops(RedisLink link, Clock clock) {
        this.link = link;
        this.local = new LocalPendingPops(clock);
    }

    @Override
    public void hold(PendingPop pop) {
        local.hold(pop);
        try {
            link.commands().eval(HOLD, ScriptOutputType.INTEGER, new String[] {KEY + pop.agentId()}, pop.id(),
                    pop.callId(), pop.pop().url(), orEmpty(pop.pop().target()), orEmpty(pop.pop().label()),
                    Long.toString(LocalPendingPops.KEEP.toMillis()));
        } catch (RedisException e) {
            log.warn("call {}: screen pop for {} kept on this node only, Redis unreachable", pop.callId(),
                    pop.agentId());
        }
    }

    @Override
    public Optional<PendingPop> pending(String agentId) {
        try {
            Map<String, String> h = link.commands().hgetall(KEY + agentId);
            if (h.get("id") == null) {
                return Optional.empty();
            }
            return Optional.of(new PendingPop(h.get("id"), agentId, h.get("call"),
                    new ScreenPop(h.get("url"), orNull(h.get("target")), orNull(h.get("label")))));
        } catch (RedisException e) {
            return local.pending(agentId);
        }
    }

    @Override
    public void seen(String agentId, String id) {
        local.seen(agentId, id);
        try {
            link.commands().eval(SEEN, ScriptOutputType.INTEGER, new String[] {KEY + agentId}, id);
        } catch (RedisException e) {
            log.debug("screen pop {} of {} seen, not shared: {}", id, agentId, e.toString());
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String orNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
