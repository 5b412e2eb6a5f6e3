package org.popline.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Typed reads of dotted keys from a YAML tree. It remembers which keys were read so that a
 * misspelt key is reported instead of silently ignored.
 */
final class ConfigReader {
    private final String file;
    private final JsonNode root;
    private final Set<String> known = new HashSet<>();

    ConfigReader(String file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    ConfigException error(String key, String problem) {
        return ConfigException.at(file, key, problem);
    }

    private JsonNode node(String key) {
        known.add(key);
        return peek(key);
    }

    /** Whether the file or an override gives a value for this key. */
    boolean has(String key) {
        return peek(key) != null;
    }

    /** The node at a key without marking the key read. */
    private JsonNode peek(String key) {
        JsonNode n = root;
        for (String part : key.split("\\.")) {
            n = n.path(part);
        }
        return n.isMissingNode() || n.isNull() ? null : n;
    }

    /**
     * The names in a mapping whose keys are names the user chooses (agent ids, queue names), each
     * a single word so that it can stand in a dotted key. The entries' own keys are read one by one
     * and checked for misspellings like any other.
     *
     * @param what what the mapping maps, for the error message, e.g. "agent id to agent"
     */
    List<String> names(String key, String what) throws ConfigException {
        JsonNode n = peek(key);
        if (n == null || (n.isObject() && n.isEmpty())) {
            known.add(key);
            return List.of();
        }
        if (!n.isObject()) {
            throw error(key, "must be a mapping of " + what);
        }
        List<String> names = new ArrayList<>();
        Iterator<String> fields = n.fieldNames();
        while (fields.hasNext()) {
            String name = fields.next();
            if (!name.matches("[A-Za-z0-9_-]+")) {
                throw error(key + "." + name, "'" + name + "' is not a name: use letters, digits, - and _");
            }
            JsonNode entry = n.get(name);
            if (entry.isNull() || (entry.isObject() && entry.isEmpty())) {
                // An entry with no keys of its own takes every default.
                known.add(key + "." + name);
            }
            names.add(name);
        }
        return names;
    }

    String string(String key, String fallback) throws ConfigException {
        String text = verbatim(key, fallback);
        return text == null ? null : text.trim();
    }

    /** A value exactly as written, spaces kept: a password is what it is. */
    String verbatim(String key, String fallback) throws ConfigException {
        JsonNode n = node(key);
        if (n == null) {
            return fallback;
        }
        if (!n.isValueNode()) {
            throw error(key, "must be a single value, not a " + n.getNodeType().name().toLowerCase());
        }
        return n.asText();
    }

    int integer(String key, int fallback, int min, int max) throws ConfigException {
        String text = string(key, null);
        if (text == null) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw error(key, "'" + text + "' is not a whole number");
        }
        if (value < min || value > max) {
            throw error(key, value + " is out of range " + min + "-" + max);
        }
        return value;
    }

    boolean bool(String key, boolean fallback) throws ConfigException {
        String text = string(key, null);
        if (text == null) {
            return fallback;
        }
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error(key, "'" + text + "' is not true or false");
        };
    }

    /** Durations are written like {@code 30s}, {@code 5m}, {@code 1h} or {@code 250ms}. */
    Duration duration(String key, Duration fallback, boolean zeroAllowed) throws ConfigException {
        String text = string(key, null);
        if (text == null) {
            return fallback;
        }
        var m = java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|m|h)").matcher(text);
        if (!m.matches()) {
            throw error(key, "'" + text + "' is not a duration like 250ms, 30s, 5m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        Duration d;
        try {
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        } catch (ArithmeticException | DateTimeParseException e) {
            throw error(key, "'" + text + "' is too large");
        }
        if (d.isZero() && !zeroAllowed) {
            throw error(key, "must be greater than zero");
        }
        return d;
    }

    /** An IPv4 address written in dotted form; {@code fallback} is checked like a value from the file. */
    InetAddress address(String key, String fallback) throws ConfigException {
        String text = string(key, fallback);
        if (!text.matches("[0-9.]+") || text.split("\\.").length != 4) {
            throw error(key, "'" + text + "' is not an IPv4 address");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw error(key, "'" + text + "' is not an IPv4 address");
        }
    }

    /** The name of the environment variable that holds a secret: the file never holds the secret itself. */
    String environmentVariable(String key, String fallback) throws ConfigException {
        String variable = string(key, fallback);
        if (!variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw error(key, "'" + variable
                    + "' is not an environment variable name (put the secret in the environment, not here)");
        }
        return variable;
    }

    /** A list of words in lower case, e.g. transports. */
    List<String> stringList(String key, List<String> fallback) throws ConfigException {
        return list(key, fallback).stream().map(String::toLowerCase).toList();
    }

    /**
     * A list as written, {@code [a, b]} in the file or {@code a,b} on the command line
     * ({@code --set key=a,b}).
     */
    List<String> list(String key, List<String> fallback) throws ConfigException {
        JsonNode n = node(key);
        if (n == null) {
            return fallback;
        }
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            for (JsonNode e : n) {
                if (!e.isValueNode()) {
                    throw error(key, "must be a list of single values");
                }
                out.add(e.asText().trim());
            }
        } else if (n.isValueNode()) {
            for (String s : n.asText().split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        } else {
            throw error(key, "must be a list");
        }
        return out;
    }

    void rejectUnknownKeys() throws ConfigException {
        rejectUnknown(root, "");
    }

    private void rejectUnknown(JsonNode node, String prefix) throws ConfigException {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            String key = prefix.isEmpty() ? name : prefix + "." + name;
            if (known.contains(key)) {
                continue;
            }
            JsonNode child = node.get(name);
            boolean isSection = known.stream().anyMatch(k -> k.startsWith(key + "."));
            if (isSection && child.isObject()) {
                rejectUnknown(child, key);
            } else {
                throw error(key, isSection ? "must be a mapping of keys" : "unknown key");
            }
        }
    }
}
