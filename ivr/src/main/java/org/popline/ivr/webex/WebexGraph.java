package org.popline.ivr.webex;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One {@code process} of an export: activities by id and each one's wired ports (port to target id). */
final class WebexGraph {
    private final Map<String, JsonNode> activities = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> ports = new LinkedHashMap<>();

    WebexGraph(JsonNode process) {
        process.path("activities").properties().forEach(e -> activities.put(e.getKey(), e.getValue()));
        for (JsonNode link : process.path("links")) {
            ports.computeIfAbsent(link.path("sourceActivityId").asText(), k -> new LinkedHashMap<>())
                    .put(link.path("conditionExpr").asText(), link.path("targetActivityId").asText());
        }
    }

    Map<String, JsonNode> activities() {
        return activities;
    }

    Optional<JsonNode> activity(String id) {
        return Optional.ofNullable(activities.get(id));
    }

    Map<String, String> ports(String id) {
        return ports.getOrDefault(id, Map.of());
    }

    static String name(JsonNode activity) {
        return activity.path("name").asText(activity.path("properties").path("name").asText());
    }

    /** A set-variable's assignments: its {@code setVariablesArray}, or the one its properties hold (older exports). */
    static Iterable<JsonNode> assignments(JsonNode properties) {
        JsonNode array = properties.path("setVariablesArray");
        return array.isArray() && !array.isEmpty() ? array : List.of(properties);
    }

    /** The activity's type: {@code properties.activityName}; event activities carry only their group. */
    static String type(JsonNode activity) {
        String type = activity.path("properties").path("activityName").asText("");
        return type.isEmpty() || type.equals("null") ? activity.path("group").asText("") : type;
    }
}
