package org.popline.ivr.webex;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The activities that handle a variable the export marks {@code isSecure}: those that write it,
 * and the collect-digits whose {@code DigitsEntered} it is filled from. Popline runs them as
 * secure activities, so the keys and the value are masked in logs, traces and call records.
 */
final class SecureActivities {
    private static final Pattern DIGITS_ENTERED = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\.DigitsEntered\\b");

    private SecureActivities() {
    }

    /** The names of the activities, in any of {@code graphs}, that handle one of the export's secure variables. */
    static Set<String> of(JsonNode variables, List<WebexGraph> graphs) {
        Set<String> secureVariables = new HashSet<>();
        variables.forEach(v -> {
            if (v.path("isSecure").asBoolean(false)) {
                secureVariables.add(v.path("name").asText());
            }
        });
        Set<String> secure = new HashSet<>();
        if (secureVariables.isEmpty()) {
            return secure;
        }
        for (WebexGraph graph : graphs) {
            for (JsonNode activity : graph.activities().values()) {
                JsonNode p = activity.path("properties");
                Iterable<JsonNode> assignments = WebexGraph.type(activity).equals("set-variable")
                        ? WebexGraph.assignments(p) : List.of();
                for (JsonNode assignment : assignments) {
                    if (secureVariables.contains(assignment.path("srcVariable").asText())) {
                        secure.add(WebexGraph.name(activity));
                        Matcher source = DIGITS_ENTERED.matcher(assignment.path("expr").asText(""));
                        while (source.find()) {
                            secure.add(source.group(1));
                        }
                    }
                }
                for (JsonNode output : p.path("outputVariableArray")) {
                    if (secureVariables.contains(output.path("outputVariable").asText())) {
                        secure.add(WebexGraph.name(activity));
                    }
                }
            }
        }
        return secure;
    }
}
