package org.popline.ivr.engine;

import java.util.List;
import java.util.Map;

/**
 * What one call did in its flow, handed to the server when the flow is over.
 *
 * @param path the activities run, in order, event handlers' included
 * @param variables the flow's declared variables as they stood at the end, as text
 * @param ending why the flow stopped, as the trace says it
 */
public record FlowReport(String callId, String flow, String flowVersion, List<String> path,
        Map<String, String> variables, String ending) {

    public FlowReport {
        path = List.copyOf(path);
        variables = Map.copyOf(variables);
    }
}
