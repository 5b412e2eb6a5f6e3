package org.popline.ivr.webex;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A Flow Designer export turned into Popline's flow model.
 *
 * @param flow the YAML model's tree ({@code name}, {@code variables}, {@code start}, {@code activities}, {@code events})
 * @param warnings what was mapped or left out on the way (an unknown queue id, an event Popline does not raise)
 */
public record Translation(ObjectNode flow, List<String> warnings) {
    public Translation {
        warnings = List.copyOf(warnings);
    }
}
