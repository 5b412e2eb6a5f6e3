package org.popline.ivr.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a parsed flow document into a {@link Flow}, checking its shape: the sections, each
 * activity's type and settings. Whatever cannot be read is reported and left out, so the graph
 * checks that follow still see the rest of the file.
 */
final class FlowReader {
    private static final List<String> SECTIONS = List.of("name", "variables", "start", "activities", "events");
    private static final List<String> ACTIVITY_KEYS = List.of("type", "settings", "links", "secure");

    private final ActivityTypes types;
    private final Problems problems;
    private final SettingReader settings;

    FlowReader(ActivityTypes types, ExpressionChecker expressions, Problems problems) {
        this.types = types;
        this.problems = problems;
        this.settings = new SettingReader(expressions, problems);
    }

    Flow read(JsonNode root) {
        if (!root.isObject()) {
            problems.flow("flow", "expected a mapping with " + String.join(", ", SECTIONS));
            root = MissingNode.getInstance();
        }
        root.fieldNames().forEachRemaining(key -> {
            if (!SECTIONS.contains(key)) {
                problems.flow(key, "unknown section (known: " + String.join(", ", SECTIONS) + ")");
            }
        });
        String name = requiredText(root, "name").orElse("");
        String start = requiredText(root, "start").orElse("");
        return new Flow(name, variables(root.path("variables")), start,
                activities(root.path("activities")), events(root.path("events")));
    }

    private Optional<String> requiredText(JsonNode root, String key) {
        JsonNode node = root.path(key);
        if (node.isMissingNode() || node.isNull()) {
            problems.flow(key, "required");
            return Optional.empty();
        }
        if (!node.isTextual()) {
            problems.flow(key, "expected text");
            return Optional.empty();
        }
        return Optional.of(node.textValue());
    }

    private Map<String, String> variables(JsonNode node) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (!isMapping(node, "variables")) {
            return variables;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = "variables." + entry.getKey();
            if (!Names.VARIABLE.matcher(entry.getKey()).matches()) {
                problems.flow(key, "not a variable name (letters, digits and _, not starting with a digit)");
            } else if (!entry.getValue().isValueNode()) {
                problems.flow(key, "default value must be a single value");
            } else {
                variables.put(entry.getKey(), entry.getValue().isNull() ? "" : entry.getValue().asText());
            }
        }
        return variables;
    }

    private Map<String, Activity> activities(JsonNode node) {
        Map<String, Activity> activities = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            problems.flow("activities", "required");
            return activities;
        }
        if (!isMapping(node, "activities")) {
            return activities;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            activity(entry.getKey(), entry.getValue()).ifPresent(a -> activities.put(a.name(), a));
        }
        return activities;
    }

    private Optional<Activity> activity(String name, JsonNode node) {
        if (!node.isObject()) {
            problems.activity(name, "expected a mapping with " + String.join(", ", ACTIVITY_KEYS));
            return Optional.empty();
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!ACTIVITY_KEYS.contains(key)) {
                problems.activity(name, key, "unknown key (known: " + String.join(", ", ACTIVITY_KEYS) + ")");
            }
        });
        Map<String, String> links = links(name, node.path("links"));
        JsonNode typeNode = node.path("type");
        if (!typeNode.isTextual()) {
            problems.activity(name, "type", "required");
            return Optional.of(new Activity(name, "", new Settings(Map.of()), links));
        }
        String type = typeNode.textValue();
        Optional<ActivityType> activityType = types.find(type);
        if (activityType.isEmpty()) {
            problems.activity(name, "type", "unknown activity type '" + type + "' (known: "
                    + String.join(", ", types.names()) + ")");
            return Optional.of(new Activity(name, type, new Settings(Map.of()), links));
        }
        JsonNode settingsNode = node.path("settings");
        if (settingsNode.isMissingNode() || settingsNode.isNull()) {
            settingsNode = JsonNodeFactory.instance.objectNode();
        } else if (!settingsNode.isObject()) {
            problems.activity(name, "settings", "expected a mapping");
            settingsNode = JsonNodeFactory.instance.objectNode();
        }
        return Optional.of(new Activity(name, type, settings.read(name, activityType.get().schema(), settingsNode), links,
                secure(name, node.path("secure"))));
    }

    private boolean secure(String activity, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            problems.activity(activity, "secure", "expected true or false");
            return false;
        }
        return node.booleanValue();
    }

    private Map<String, String> links(String activity, JsonNode node) {
        Map<String, String> links = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return links;
        }
        if (!node.isObject()) {
            problems.activity(activity, "links", "expected a mapping of outcome to activity name");
            return links;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (entry.getValue().isTextual()) {
                links.put(entry.getKey(), entry.getValue().textValue());
            } else {
                problems.activity(activity, "links." + entry.getKey(), "expected an activity name");
            }
        }
        return links;
    }

    private Map<String, String> events(JsonNode node) {
        Map<String, String> events = new LinkedHashMap<>();
        if (!isMapping(node, "events")) {
            return events;
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String event = entry.getKey();
            if (FlowEvents.ALL.contains(event)) {
                eventStart(event, entry.getValue()).ifPresent(start -> events.put(event, start));
            } else {
                problems.flow("events." + event, "unknown event (known: " + String.join(", ", FlowEvents.ALL) + ")");
            }
        }
        return events;
    }

    private Optional<String> eventStart(String event, JsonNode node) {
        if (!node.isObject()) {
            problems.flow("events." + event, "expected a mapping with start");
            return Optional.empty();
        }
        node.fieldNames().forEachRemaining(key -> {
            if (!key.equals("start")) {
                problems.event(event, key, "unknown key (known: start)");
            }
        });
        if (!node.path("start").isTextual()) {
            problems.event(event, "start", "required");
            return Optional.empty();
        }
        return Optional.of(node.path("start").textValue());
    }

    private boolean isMapping(JsonNode node, String key) {
        if (node.isMissingNode() || node.isNull()) {
            return false;
        }
        if (!node.isObject()) {
            problems.flow(key, "expected a mapping");
            return false;
        }
        return true;
    }
}
