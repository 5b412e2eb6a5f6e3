package org.popline.sip.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reading a call's flow trace as {@code /flows/traces} serves it. */
public final class Traces {
    private Traces() {
    }

    /** The activities of the main section, in the order the call took them. */
    public static List<String> mainPath(JsonNode trace) {
        List<String> path = new ArrayList<>();
        trace.path("steps").forEach(s -> {
            if (s.path("section").asText().equals("main")) {
                path.add(s.path("activity").asText());
            }
        });
        return path;
    }

    /** The first step of {@code activity}, or a failed test showing the whole trace. */
    public static JsonNode step(JsonNode trace, String activity) {
        for (JsonNode s : trace.path("steps")) {
            if (s.path("activity").asText().equals(activity)) {
                return s;
            }
        }
        throw new AssertionError("no step " + activity + " in " + trace.toPrettyString());
    }
}
