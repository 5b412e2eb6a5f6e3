package org.popline.cluster;

import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import org.popline.sip.registrar.NonceCounts;

/**
 * Nonce counts kept in Redis, one key per nonce living as long as the nonce may be answered, so
 * that a count used on one node is refused on any other. This node's own counts are checked first
 * and kept too: while Redis is away they still refuse what was replayed to this node.
 */
final class SharedNonceCounts implements NonceCounts {
    private static final String KEY = "{reg}:nc:";
    private static final LuaScript ADVANCE = LuaScript.of("registrar/nonce-count.lua");

    private final RedisGate gate;
    private final NonceCounts local;
    private final String lifetimeMillis;

    SharedNonceCounts(RedisGate gate, NonceCounts local, Duration lifetime) {
        this.gate = gate;
        this.local = local;
        this.lifetimeMillis = Long.toString(lifetime.toMillis());
    }

    @Override
    public boolean advance(String nonce, long count) {
        if (!local.advance(nonce, count)) {
            return false;
        }
        return gate.call(redis -> ADVANCE.<Long>run(redis, ScriptOutputType.INTEGER, new String[] {KEY + nonce},
                Long.toString(count), lifetimeMillis)).map(advanced -> advanced == 1L).orElse(true);
    }

    @Override
    public void forgetStale() {
        local.forgetStale();
    }
}
