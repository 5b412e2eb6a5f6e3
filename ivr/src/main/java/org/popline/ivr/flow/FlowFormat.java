package org.popline.ivr.flow;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A flow file format other than Popline's YAML (a Flow Designer export), read by translating it
 * into the YAML model; the loader then validates the result like any YAML flow.
 */
public interface FlowFormat {

    /** Whether a file of this name is in this format (by its name, so hot reload keeps the format). */
    boolean reads(String where);

    /**
     * The flow as the YAML model's tree ({@code name}, {@code variables}, {@code start},
     * {@code activities}, {@code events}).
     *
     * @throws FlowException naming the file, the activity and the property of every problem the
     *     translation meets (an activity type Popline refuses, a property it cannot read)
     */
    JsonNode translate(String where, String text) throws FlowException;
}
