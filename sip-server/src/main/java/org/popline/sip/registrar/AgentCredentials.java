package org.popline.sip.registrar;

import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured agents by SIP user name, each with HA1 = H(user:realm:password) worked out once
 * per algorithm, so that checking a response needs no password. An unknown user name gets the HA1
 * of a random password: the check then costs the same and fails the same as a wrong password, so
 * that answers (and their timing) do not tell which user names exist.
 */
final class AgentCredentials {
    /** Who a SIP user name belongs to. */
    record Agent(String agentId, String sipUser) {
    }

    private record Entry(Agent agent, Map<DigestAlgorithm, String> ha1) {
    }

    private final Map<String, Entry> bySipUser = new HashMap<>();
    private final Map<DigestAlgorithm, String> nobody = new EnumMap<>(DigestAlgorithm.class);

    AgentCredentials(String realm, List<AgentAccount> accounts) {
        for (AgentAccount a : accounts) {
            Map<DigestAlgorithm, String> ha1 = new EnumMap<>(DigestAlgorithm.class);
            for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
                ha1.put(algorithm, algorithm.hex(a.sipUser() + ":" + realm + ":" + a.password()));
            }
            bySipUser.put(a.sipUser(), new Entry(new Agent(a.id(), a.sipUser()), ha1));
        }
        byte[] noPassword = new byte[16];
        new SecureRandom().nextBytes(noPassword);
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            nobody.put(algorithm, algorithm.hex("nobody:" + realm + ":" + HexFormat.of().formatHex(noPassword)));
        }
    }

    Optional<Agent> agent(String sipUser) {
        return Optional.ofNullable(bySipUser.get(sipUser)).map(Entry::agent);
    }

    /** The user's HA1, or for an unknown user one that no password matches. */
    String ha1(String sipUser, DigestAlgorithm algorithm) {
        Entry e = bySipUser.get(sipUser);
        return (e == null ? nobody : e.ha1()).get(algorithm);
    }
}
