package org.popline.app.config;

import org.popline.sip.registrar.AgentAccount;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
            agents.add(new AgentAccount(new AgentProfile(id, name, new LinkedHashSet<>(served)), sipUser, password));
        }
        return agents;
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
