package org.popline.ivr.flow;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Converts one activity's {@code settings:} node by its type's schema, reporting each bad value. */
final class SettingReader {
    private final ExpressionChecker expressions;
    private final Problems problems;

    SettingReader(ExpressionChecker expressions, Problems problems) {
        this.expressions = expressions;
        this.problems = problems;
    }

    Settings read(String activity, ActivitySchema schema, JsonNode node) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = "settings." + field.getKey();
            Optional<SettingSpec> spec = schema.setting(field.getKey());
            if (spec.isEmpty()) {
                problems.activity(activity, key, "unknown setting for " + schema.type() + " (known: "
                        + String.join(", ", schema.settings().stream().map(SettingSpec::name).toList()) + ")");
            } else if (!field.getValue().isNull()) {
                convert(activity, key, spec.get(), field.getValue()).ifPresent(v -> values.put(field.getKey(), v));
            }
        }
        for (SettingSpec spec : schema.settings()) {
            if (spec.required() && !values.containsKey(spec.name()) && !given(node, spec.name())) {
                problems.activity(activity, "settings." + spec.name(), "required setting missing");
            }
        }
        for (var group : schema.anyOf()) {
            if (group.stream().noneMatch(name -> given(node, name))) {
                problems.activity(activity, "settings", "needs one of: " + String.join(", ", group));
            }
        }
        schema.needs().forEach((setting, needed) -> {
            if (given(node, setting) && !given(node, needed)) {
                problems.activity(activity, "settings." + needed, "required when " + setting + " is given");
            }
        });
        return new Settings(values);
    }

    private static boolean given(JsonNode node, String name) {
        return node.hasNonNull(name);
    }

    private Optional<Object> convert(String activity, String key, SettingSpec spec, JsonNode value) {
        if (spec.kind() == SettingKind.MAP) {
            return readMap(activity, key, spec, value);
        }
        if (spec.kind() == SettingKind.PROMPTS) {
            return readPrompts(activity, key, value);
        }
        return scalar(activity, key, spec.kind(), spec, value);
    }

    private Optional<Object> readMap(String activity, String key, SettingSpec spec, JsonNode value) {
        if (!value.isObject()) {
            problems.activity(activity, key, "expected a mapping of names to values");
            return Optional.empty();
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            String entryKey = key + "." + entry.getKey();
            if (!keyFits(spec.keys(), entry.getKey())) {
                problems.activity(activity, entryKey, spec.keys() == MapKeys.PHONE_KEYS
                        ? "not a phone key (expected one of 0-9, *, #)"
                        : "not a variable name (letters, digits and _, not starting with a digit)");
                continue;
            }
            scalar(activity, entryKey, spec.valueKind(), spec, entry.getValue())
                    .ifPresent(v -> entries.put(entry.getKey(), (String) v));
        }
        return Optional.of(entries);
    }

    private Optional<Object> readPrompts(String activity, String key, JsonNode value) {
        if (!value.isArray() || value.isEmpty()) {
            return bad(activity, key, "expected a list of prompts, each {text: ...} or {audio: ...}");
        }
        List<PromptPart> parts = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            String itemKey = key + "[" + i + "]";
            JsonNode item = value.get(i);
            if (!item.isObject() || item.size() != 1 || !(item.has("text") || item.has("audio"))) {
                problems.activity(activity, itemKey, "expected {text: ...} or {audio: ...}");
                continue;
            }
            PromptPart.Kind kind = item.has("text") ? PromptPart.Kind.TEXT : PromptPart.Kind.AUDIO;
            scalar(activity, itemKey + "." + kind.key(), SettingKind.TEMPLATE, null, item.get(kind.key()))
                    .ifPresent(t -> parts.add(new PromptPart(kind, (String) t)));
        }
        return parts.size() == value.size() ? Optional.of(List.copyOf(parts)) : Optional.empty();
    }

    private static boolean keyFits(MapKeys keys, String key) {
        return switch (keys) {
            case ANY -> true;
            case VARIABLES -> Names.VARIABLE.matcher(key).matches();
            case PHONE_KEYS -> Names.PHONE_KEY.matcher(key).matches();
        };
    }

    private Optional<Object> scalar(String activity, String key, SettingKind kind, SettingSpec spec, JsonNode value) {
        if (!value.isValueNode() || value.isNull()) {
            problems.activity(activity, key, "expected a single value, not a list or mapping");
            return Optional.empty();
        }
        String text = value.asText();
        switch (kind) {
            case INTEGER:
                if (value.canConvertToInt() && value.isIntegralNumber()) {
                    return Optional.of(value.intValue());
                }
                return bad(activity, key, "expected an integer, got '" + text + "'");
            case BOOLEAN:
                if (value.isBoolean()) {
                    return Optional.of(value.booleanValue());
                }
                return bad(activity, key, "expected true or false, got '" + text + "'");
            case DURATION:
                Optional<Object> duration = DurationText.parse(text).map(d -> d);
                if (duration.isEmpty()) {
                    return bad(activity, key, "bad duration '" + text + "' (expected e.g. 500ms, 3s, 2m)");
                }
                return duration;
            case ENUM:
                if (spec.values().contains(text)) {
                    return Optional.of(text);
                }
                return bad(activity, key, "'" + text + "' is not one of: " + String.join(", ", spec.values()));
            case VARIABLE:
                if (Names.VARIABLE.matcher(text).matches()) {
                    return Optional.of(text);
                }
                return bad(activity, key, "'" + text + "' is not a variable name");
            case TEMPLATE:
                return checked(activity, key, ExpressionKind.TEMPLATE, text);
            case JSONPATH:
                return checked(activity, key, ExpressionKind.JSONPATH, text);
            default:
                return Optional.of(text);
        }
    }

    private Optional<Object> checked(String activity, String key, ExpressionKind kind, String text) {
        var found = expressions.problems(kind, text);
        String what = kind == ExpressionKind.TEMPLATE ? "bad template: " : "bad JSONPath: ";
        found.forEach(p -> problems.activity(activity, key, what + p));
        return found.isEmpty() ? Optional.of(text) : Optional.empty();
    }

    private Optional<Object> bad(String activity, String key, String message) {
        problems.activity(activity, key, message);
        return Optional.empty();
    }
}
