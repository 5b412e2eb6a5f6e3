package org.popline.queue;

import java.time.Instant;
import java.util.Optional;

/**
 * An agent moved from one state to another ({@code from} equals {@code to} when only the
 * not-ready reason changed).
 *
 * @param reason why the agent is not ready; empty in every other state
 */
public record AgentEvent(String agentId, AgentState from, AgentState to, Optional<String> reason, Instant at)
        implements AcdEvent {
}
