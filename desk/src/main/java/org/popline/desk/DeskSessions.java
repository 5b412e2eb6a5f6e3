package org.popline.desk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.popline.sip.registrar.AgentAccount;

/**
 * Agents' logins to their page: checks an agent id and password against the configuration and
 * keeps the sessions that follow in a {@link SessionStore}, each with a random id (the cookie) and its own CSRF token.
 * Neither is ever logged.
 */
public final class DeskSessions {
    /** A logged-in agent's page. */
    public record Session(String id, String agentId, String csrfToken) {
        @Override
        public String toString() {
            return "Session[agent=" + agentId + "]";
        }
    }

    private final Map<String, byte[]> passwordDigests;
    private final byte[] nobodysDigest;
    private final SecureRandom random = new SecureRandom();
    private final SessionStore sessions;

    /** Sessions kept in this node's memory. */
    public DeskSessions(List<AgentAccount> agents, Clock clock) {
        this(agents, new LocalSessionStore(clock));
    }

    public DeskSessions(List<AgentAccount> agents, SessionStore sessions) {
        this.passwordDigests = agents.stream().collect(Collectors.toUnmodifiableMap(AgentAccount::id, a -> digest(a.password())));
        this.nobodysDigest = digest(randomToken());
        this.sessions = sessions;
    }

    /**
     * A new session if the password is the agent's. Digests of equal length are compared in
     * constant time, and an unknown id is checked against a random password, so the answer's
     * timing tells neither which ids exist nor how much of a password was right.
     */
    public Optional<Session> login(String agentId, String password) {
        byte[] expected = passwordDigests.getOrDefault(agentId, nobodysDigest);
        boolean right = MessageDigest.isEqual(expected, digest(password)) && passwordDigests.containsKey(agentId);
        if (!right) {
            return Optional.empty();
        }
        Session session = new Session(randomToken(), agentId, randomToken());
        sessions.save(session);
        return Optional.of(session);
    }

    /** The live session with this id, which counts as using it. */
    public Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        // a shared session may name an agent this node's configuration does not have
        return sessions.use(id).filter(s -> passwordDigests.containsKey(s.agentId()));
    }

    /** Whether the session is still live, without counting as use (an open event stream checks this). */
    public boolean live(Session session) {
        return sessions.live(session);
    }

    public void logout(Session session) {
        sessions.remove(session);
    }

    /** Whether a request's token is the session's, compared in constant time. */
    public static boolean csrfMatches(Session session, String token) {
        return token != null && MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] digest(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
