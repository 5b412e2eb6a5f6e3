package org.popline.ivr.flow;

import java.util.List;

/** The call events a flow can handle in {@code events:}. */
public final class FlowEvents {
    public static final String AGENT_ANSWERED = "agent-answered";
    public static final String CALL_ENDED = "call-ended";

    public static final List<String> ALL = List.of(AGENT_ANSWERED, CALL_ENDED);

    private FlowEvents() {
    }
}
