package org.popline.ivr.flow;

import java.util.List;

/** The call events a flow can handle in {@code events:}. */
public final class FlowEvents {
    public static final String AGENT_ANSWERED = "agent-answered";
    public static final String CALL_ENDED = "call-ended";
    /** An agent's phone starts ringing for the caller (before anyone answers). */
    public static final String AGENT_OFFERED = "agent-offered";
    /** An activity failed and nothing in the flow handles its failure. */
    public static final String GLOBAL_ERROR = "global-error";

    public static final List<String> ALL = List.of(AGENT_ANSWERED, CALL_ENDED, AGENT_OFFERED, GLOBAL_ERROR);

    private FlowEvents() {
    }
}
