package org.popline.ivr.webex;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import org.popline.ivr.flow.FlowException;

/**
 * The JSON of a Flow Designer export: a plain export, or a template wrapper whose {@code flow}
 * holds the export as a string.
 */
final class WebexExport {
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    private WebexExport() {
    }

    /** The export's root ({@code process}, {@code variables}, {@code eventFlows}...). */
    static JsonNode read(String where, String text) throws FlowException {
        JsonNode root = parse(where, text, "");
        if (root.path("flow").isTextual() && !root.has("process")) {
            root = parse(where, root.path("flow").textValue(), "flow (the template's export): ");
        }
        if (!root.path("process").path("activities").isObject()) {
            throw new FlowException(List.of(where + ": process.activities: required (is this a Flow Designer export?)"));
        }
        return root;
    }

    private static JsonNode parse(String where, String text, String part) throws FlowException {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new FlowException(List.of(where + ": " + part + "expected a JSON object"));
            }
            return node;
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            throw new FlowException(List.of(where + ": " + part + line + "JSON syntax: "
                    + e.getOriginalMessage().lines().findFirst().orElse("").trim()));
        }
    }
}
