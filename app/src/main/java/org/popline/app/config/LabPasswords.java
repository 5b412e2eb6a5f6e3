package org.popline.app.config;

import java.net.InetAddress;
import java.util.List;
import java.util.regex.Pattern;
import org.popline.sip.registrar.AgentAccount;

/**
 * The demo agents' passwords shipped in {@code conf/popline.yaml} ({@code lab-agent1-change-me}...)
 * are public: fine on this machine, an open door anywhere else. Recognised by their shape, so a
 * copied demo agent ({@code lab-agent3-change-me}) is caught as well.
 */
final class LabPasswords {
    private static final Pattern SHIPPED = Pattern.compile("lab-.*-change-me", Pattern.CASE_INSENSITIVE);

    private LabPasswords() {
    }

    static boolean isLabPassword(String password) {
        return SHIPPED.matcher(password.strip()).matches();
    }

    /**
     * Refuses to start when SIP (phones register with these passwords) or the agents' page (agents
     * log in with them) would be reachable from other machines while an agent has a lab password.
     */
    static void refuseOnNetwork(ConfigReader r, List<AgentAccount> agents, InetAddress sipBind, InetAddress deskBind)
            throws ConfigException {
        String exposed = !sipBind.isLoopbackAddress() ? "SIP on " + sipBind.getHostAddress()
                : !deskBind.isLoopbackAddress() ? "the agents' page on " + deskBind.getHostAddress() : null;
        if (exposed == null) {
            return;
        }
        for (AgentAccount agent : agents) {
            if (isLabPassword(agent.password())) {
                String k = "agents." + agent.id() + ".";
                String key = r.has(k + "password-env") ? k + "password-env" : k + "password";
                throw r.error(key, "is a shipped lab password (lab-...-change-me), which anyone can read; "
                        + "Popline will not serve " + exposed + " with it: give the agent a password of its own, "
                        + "best through password-env");
            }
        }
    }
}
