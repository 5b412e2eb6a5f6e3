package org.popline.cluster;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** One Lua script, run by SHA and sent again when Redis no longer has it (it restarted). */
final class LuaScript {
    private final String body;
    private volatile String sha;

    private LuaScript(String body) {
        this.body = body;
    }

    /** @param resource a script file beside this class, e.g. {@code registrar/nonce-count.lua} */
    static LuaScript of(String resource) {
        return new LuaScript(text(resource));
    }

    /** The script with {@code lib} before it: functions it shares with other scripts. */
    static LuaScript of(String lib, String resource) {
        return new LuaScript(text(lib) + "\n" + text(resource));
    }

    private static String text(String resource) {
        try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing script " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws io.lettuce.core.RedisException Redis cannot be reached or refused the script */
    <T> T run(RedisCommands<String, String> redis, ScriptOutputType type, String[] keys, String... args) {
        try {
            if (sha == null) {
                sha = redis.digest(body);
            }
            return redis.evalsha(sha, type, keys, args);
        } catch (RedisNoScriptException e) {
            return redis.eval(body, type, keys, args);
        }
    }
}
