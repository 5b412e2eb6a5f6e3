package org.popline.sip.config;

import com.fasterxml.jackson.databind.JsonNode;
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
        JsonNode n = root;
        for (String part : key.split("\\.")) {
            n = n.path(part);
        }
        return n.isMissingNode() || n.isNull() ? null : n;
    }

    String string(String key, String fallback) throws ConfigException {
        JsonNode n = node(key);
        if (n == null) {
            return fallback;
        }
        if (!n.isValueNode()) {
            throw error(key, "must be a single value, not a " + n.getNodeType().name().toLowerCase());
        }
        return n.asText().trim();
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

    List<String> stringList(String key, List<String> fallback) throws ConfigException {
        JsonNode n = node(key);
        if (n == null) {
            return fallback;
        }
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            for (JsonNode e : n) {
                out.add(e.asText().trim().toLowerCase());
            }
        } else if (n.isValueNode()) {
            for (String s : n.asText().split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim().toLowerCase());
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
