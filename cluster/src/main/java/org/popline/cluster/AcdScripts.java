package org.popline.cluster;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ACD's Lua scripts (resources beside this class, each with {@code lib.lua} before it), run by
 * SHA and sent again when Redis no longer has them (it restarted). Redis runs each script
 * atomically: that is what makes an offer exclusive across nodes.
 */
final class AcdScripts {
    private final Map<String, LuaScript> scripts = new ConcurrentHashMap<>();

    /** What a script returned: its code, values after the code, and the agent moves it made. */
    record Outcome(String code, List<String> values, List<AgentMove> moves) {
        String value(int i) {
            return values.get(i);
        }
    }

    record AgentMove(String agentId, String from, String to, Optional<String> reason, Optional<String> callId) {
    }

    /**
     * @param values how many values follow the code before the moves
     * @throws io.lettuce.core.RedisException Redis cannot be reached or refused the script
     */
    Outcome run(RedisCommands<String, String> redis, String script, int values, String... args) {
        List<Object> reply = scripts.computeIfAbsent(script, name -> LuaScript.of("lib.lua", name + ".lua"))
                .run(redis, ScriptOutputType.MULTI, new String[0], args);
        List<String> all = new ArrayList<>(reply.size());
        reply.forEach(item -> all.add(String.valueOf(item)));
        List<AgentMove> moves = new ArrayList<>();
        for (int i = 1 + values; i + 4 < all.size(); i += 5) {
            moves.add(new AgentMove(all.get(i), all.get(i + 1), all.get(i + 2), present(all.get(i + 3)), present(all.get(i + 4))));
        }
        return new Outcome(all.get(0), all.subList(1, Math.min(all.size(), 1 + values)), moves);
    }

    private static Optional<String> present(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
