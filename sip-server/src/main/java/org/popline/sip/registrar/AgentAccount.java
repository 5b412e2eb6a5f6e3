package org.popline.sip.registrar;

import java.util.Objects;
import java.util.Optional;
import org.popline.queue.AgentProfile;

/**
 * An agent as configured, with what their phone authenticates with.
 *
 * @param profile  who the agent is and which queues they serve, as the ACD sees them
 * @param sipUser  the user name their phone registers and authenticates as
 * @param password the digest password (from the file or from the environment variable it names)
 * @param email    the agent's e-mail address, by which a flow may name them (Webex's queue-to-agent by agentEmail)
 */
public record AgentAccount(AgentProfile profile, String sipUser, String password, Optional<String> email) {

    public AgentAccount {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(sipUser, "sipUser");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(email, "email");
    }

    /** An agent with no e-mail address. */
    public AgentAccount(AgentProfile profile, String sipUser, String password) {
        this(profile, sipUser, password, Optional.empty());
    }

    public String id() {
        return profile.id();
    }

    /** Without the password, so that logging an account never leaks it. */
    @Override
    public String toString() {
        return "AgentAccount[id=" + profile.id() + ", sipUser=" + sipUser + ", queues=" + profile.queues() + "]";
    }
}
