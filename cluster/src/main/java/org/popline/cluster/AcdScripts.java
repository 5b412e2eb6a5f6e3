package org.popline.cluster;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
    private final String lib = resource("lib");
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final Map<String, String> shas = new ConcurrentHashMap<>();

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
        String body = bodies.computeIfAbsent(script, name -> lib + "\n" + resource(name));
        List<Object> reply;
        try {
            String sha = shas.computeIfAbsent(script, name -> redis.digest(body));
            reply = redis.evalsha(sha, ScriptOutputType.MULTI, new String[0], args);
        } catch (RedisNoScriptException e) {
            reply = redis.eval(body, ScriptOutputType.MULTI, new String[0], args);
        }
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

    private static String resource(String name) {
        try (InputStream in = AcdScripts.class.getResourceAsStream(name + ".lua")) {
            if (in == null) {
                throw new IllegalStateException("missing script " + name + ".lua");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
