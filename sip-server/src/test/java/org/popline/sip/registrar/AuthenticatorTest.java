package org.popline.sip.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.popline.queue.AgentProfile;
import org.popline.sip.registrar.AgentAccount;
import org.popline.sip.testkit.Digest;

/** The digest checks, with the test phone's RFC 7616 digest and a clock the test moves. */
class AuthenticatorTest {
    private static final String URI = "sip:127.0.0.1:5060";
    private final MutableClock clock = new MutableClock();
    private final Nonces nonces = new Nonces(Duration.ofMinutes(5), clock);
    private final Authenticator authenticator = authenticator(List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5));

    private Authenticator authenticator(List<DigestAlgorithm> offered) {
        AgentAccount ada = new AgentAccount(new AgentProfile("ada", "Ada", Set.of("support")), "agent1", "s3cret");
        return new Authenticator("popline", offered, new AgentCredentials("popline", List.of(ada)), nonces,
                new LocalNonceCounts(Duration.ofMinutes(5), clock), SipText.ADDRESSES);
    }

    private static String credentials(String algorithm, String user, String password, String nonce, int nc) {
        return "Authorization: " + Digest.authorization(Map.of("realm", "popline", "nonce", nonce, "algorithm",
                algorithm), user, password, "REGISTER", URI, nc, "c0ffee");
    }

    private Authenticator.Verdict check(String... headerLines) {
        return authenticator.check(SipText.register("agent1", 2, headerLines));
    }

    @Test
    void noCredentialsAreChallenged() {
        Authenticator.Challenge c = assertInstanceOf(Authenticator.Challenge.class, check());
        assertEquals(false, c.stale());
        assertInstanceOf(Authenticator.Challenge.class, check("Authorization: NoOneKnowsThisScheme opaque-data=here"),
                "another scheme is no Digest credentials (RFC 4475 regaut01)");
    }

    @Test
    void theRightPasswordIsAcceptedInEitherAlgorithm() {
        for (String algorithm : List.of("SHA-256", "MD5")) {
            Authenticator.Accepted a = assertInstanceOf(Authenticator.Accepted.class,
                    check(credentials(algorithm, "agent1", "s3cret", nonces.issue(), 1)), algorithm);
            assertEquals("ada", a.agent().agentId());
        }
    }

    @Test
    void aWrongPasswordAndAnUnknownUserAreRefusedAlike() {
        Authenticator.Refused wrong = assertInstanceOf(Authenticator.Refused.class,
                check(credentials("SHA-256", "agent1", "guess", nonces.issue(), 1)));
        Authenticator.Refused unknown = assertInstanceOf(Authenticator.Refused.class,
                check(credentials("SHA-256", "mallory", "s3cret", nonces.issue(), 1)));
        assertEquals(403, wrong.status());
        assertEquals(403, unknown.status());
    }

    @Test
    void aStaleNonceWithTheRightPasswordEarnsAStaleChallengeButAWrongOneIsRefused() {
        String nonce = nonces.issue();
        clock.advance(Duration.ofMinutes(6));
        Authenticator.Challenge c = assertInstanceOf(Authenticator.Challenge.class,
                check(credentials("SHA-256", "agent1", "s3cret", nonce, 1)));
        assertTrue(c.stale());
        assertInstanceOf(Authenticator.Refused.class, check(credentials("SHA-256", "agent1", "guess", nonce, 1)));
    }

    @Test
    void aNonceFromBeforeARestartWithTheRightPasswordEarnsAStaleChallenge() {
        String old = new Nonces(Duration.ofMinutes(5), clock).issue();
        Authenticator.Challenge c = assertInstanceOf(Authenticator.Challenge.class,
                check(credentials("MD5", "agent1", "s3cret", old, 1)));
        assertTrue(c.stale(), "the phone retries with the new nonce without asking its user");
    }

    @Test
    void aReplayedNonceCountIsChallengedAndAHigherOneAccepted() {
        String nonce = nonces.issue();
        assertInstanceOf(Authenticator.Accepted.class, check(credentials("SHA-256", "agent1", "s3cret", nonce, 1)));
        assertInstanceOf(Authenticator.Challenge.class, check(credentials("SHA-256", "agent1", "s3cret", nonce, 1)),
                "the same request again");
        assertInstanceOf(Authenticator.Accepted.class, check(credentials("SHA-256", "agent1", "s3cret", nonce, 2)),
                "a phone reusing the nonce counts up");
    }

    @Test
    void credentialsThatCannotBeCheckedAre400() {
        String nonce = nonces.issue();
        Map<String, String> cases = Map.of(
                "Authorization: Digest username=\"agent1\", realm=\"popline\", nonce=\"" + nonce + "\"", "no uri",
                credentials("SHA-256", "agent1", "s3cret", nonce, 1).replace("qop=auth", "qop=auth-int"), "qop",
                credentials("SHA-256", "agent1", "s3cret", nonce, 1).replace("SHA-256", "SHA-512-256"), "algorithm",
                credentials("MD5", "agent1", "s3cret", nonce, 1).replace(URI, "sip:elsewhere.example"), "uri",
                credentials("MD5", "agent1", "s3cret", nonce, 1).replace("nc=00000001", "nc=1"), "nc");
        cases.forEach((header, what) -> {
            Authenticator.Refused r = assertInstanceOf(Authenticator.Refused.class, check(header), what);
            assertEquals(400, r.status(), what + ": " + r.why());
        });
    }

    @Test
    void anAlgorithmNotOfferedIsRefused() {
        Authenticator shaOnly = authenticator(List.of(DigestAlgorithm.SHA_256));
        Authenticator.Refused r = assertInstanceOf(Authenticator.Refused.class, shaOnly.check(SipText.register("agent1",
                2, credentials("MD5", "agent1", "s3cret", nonces.issue(), 1))));
        assertEquals(400, r.status(), "no downgrade to MD5 when only SHA-256 is offered");
    }

    @Test
    void credentialsForAnotherRealmAreRefused() {
        String header = credentials("MD5", "agent1", "s3cret", nonces.issue(), 1).replace("realm=\"popline\"",
                "realm=\"elsewhere\"");
        assertEquals(403, assertInstanceOf(Authenticator.Refused.class, check(header)).status());
    }
}
