package org.popline.app.config;

import org.popline.sip.registrar.AgentAccount;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.popline.queue.AgentProfile;

/**
 * Reads the {@code agents} section: agent id to who they are, which queues they serve and what
 * their phone authenticates with. The password is in the file (lab use) or, better, in an
 * environment variable the file names.
 */
final class AgentsReader {
    /** The characters RFC 3261 allows unescaped in a user part that are also safe in a digest username. */
    private static final String SIP_USER = "[A-Za-z0-9._~+!$&'()*,;=-]+";
    /** An address with one {@code @} and a dotted domain: enough to catch a typo, not a full RFC 5322 parse. */
    private static final String EMAIL = "[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+";

    private AgentsReader() {
    }

    /**
     * @param queues the configured queue names
     * @param env    reads an environment variable (null when unset)
     */
    static List<AgentAccount> read(ConfigReader r, Set<String> queues, Function<String, String> env)
            throws ConfigException {
        List<AgentAccount> agents = new ArrayList<>();
        Map<String, String> agentBySipUser = new HashMap<>();
        Map<String, String> agentByEmail = new HashMap<>();
        for (String id : r.names("agents", "agent id to agent")) {
            String k = "agents." + id + ".";
            String name = r.string(k + "name", id);
            String sipUser = r.string(k + "sip-user", id);
            if (!sipUser.matches(SIP_USER)) {
                throw r.error(k + "sip-user", "'" + sipUser
                        + "' is not a SIP user name (letters, digits and . _ ~ + - ...)");
            }
            String other = agentBySipUser.putIfAbsent(sipUser, id);
            if (other != null) {
                throw r.error(k + "sip-user", "'" + sipUser + "' is already the sip-user of agent " + other);
            }
            String password = password(r, k, env);
            List<String> served = r.list(k + "queues", List.of());
            if (served.isEmpty()) {
                throw r.error(k + "queues", "needs at least one queue");
            }
            for (String queue : served) {
                if (!queues.contains(queue)) {
                    throw r.error(k + "queues", "unknown queue '" + queue + "'"
                            + (queues.isEmpty() ? " (no queues are configured)" : " (queues: "
                            + String.join(", ", queues) + ")"));
                }
            }
            Optional<String> email = email(r, k, id, agentByEmail);
            agents.add(new AgentAccount(new AgentProfile(id, name, new LinkedHashSet<>(served)), sipUser, password, email));
        }
        return agents;
    }

    /** The optional {@code email}: a flow may name the agent by it, so it is one agent's only (in any case). */
    private static Optional<String> email(ConfigReader r, String k, String id, Map<String, String> agentByEmail)
            throws ConfigException {
        String email = r.string(k + "email", null);
        if (email == null) {
            return Optional.empty();
        }
        if (!email.matches(EMAIL)) {
            throw r.error(k + "email", "'" + email + "' is not an e-mail address");
        }
        String other = agentByEmail.putIfAbsent(email.toLowerCase(Locale.ROOT), id);
        if (other != null) {
            throw r.error(k + "email", "'" + email + "' is already the e-mail of agent " + other);
        }
        return Optional.of(email);
    }

    private static String password(ConfigReader r, String k, Function<String, String> env) throws ConfigException {
        String inFile = r.verbatim(k + "password", null);
        String variable = r.string(k + "password-env", null);
        if (inFile != null && variable != null) {
            throw r.error(k + "password", "give password or password-env, not both");
        }
        if (inFile == null && variable == null) {
            throw r.error(k + "password", "missing (give password, or password-env naming an environment variable)");
        }
        if (inFile != null) {
            if (inFile.isEmpty()) {
                throw r.error(k + "password", "must not be empty");
            }
            return inFile;
        }
        if (!variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw r.error(k + "password-env", "'" + variable
                    + "' is not an environment variable name (put the password in the environment, not here)");
        }
        String value = env.apply(variable);
        if (value == null) {
            throw r.error(k + "password-env", "environment variable " + variable + " is not set");
        }
        if (value.isEmpty()) {
            throw r.error(k + "password-env", "environment variable " + variable + " is empty");
        }
        return value;
    }
}
