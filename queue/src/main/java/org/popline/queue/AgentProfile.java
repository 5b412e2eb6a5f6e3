package org.popline.queue;

import java.util.Set;

/** An agent as configured: who they are and which queues they serve. Credentials are the SIP server's business. */
public record AgentProfile(String id, String displayName, Set<String> queues) {

    public AgentProfile {
        queues = Set.copyOf(queues);
    }
}
