package org.popline.queue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One agent as the admin API and the agent page show it: a snapshot, not kept up to date.
 *
 * @param since when the agent entered {@code state}
 * @param reason why the agent is not ready; empty in every other state
 * @param callerCallId the call being offered to, talked to or wrapped up by the agent
 * @param missed offers that rang out, or that the phone refused or could not take
 * @param node the cluster node the agent's phone registered through; empty on a single node, and
 *     while not known (the agent is logged out)
 */
public record AgentView(String id, String name, AgentState state, Optional<String> reason, Instant since,
        List<String> queues, Optional<String> callerCallId, int offered, int answered, int missed,
        Optional<String> node) {

    public AgentView {
        queues = List.copyOf(queues);
    }

    static AgentView of(Agent agent) {
        AgentProfile profile = agent.profile();
        return new AgentView(profile.id(), profile.displayName(), agent.state(), agent.notReadyReason(), agent.since(),
                profile.queues().stream().sorted().toList(), agent.caller().map(Caller::callId),
                agent.offered(), agent.answered(), agent.missed(), Optional.empty());
    }

    /** This view with the node the agent's phone registered through. */
    public AgentView at(String phoneNode) {
        return new AgentView(id, name, state, reason, since, queues, callerCallId, offered, answered, missed,
                Optional.of(phoneNode));
    }
}
