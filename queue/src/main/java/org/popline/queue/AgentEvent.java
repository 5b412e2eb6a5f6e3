package org.popline.queue;

import java.time.Instant;
import java.util.Optional;

/**
 * An agent moved from one state to another ({@code from} equals {@code to} when only the
 * not-ready reason changed).
 *
 * @param reason why the agent is not ready; empty in every other state
 * @param callerCallId the call the agent is offered, talking to or wrapping up after the move
 */
public record AgentEvent(String agentId, AgentState from, AgentState to, Optional<String> reason,
        Optional<String> callerCallId, Instant at) implements AcdEvent {
}
