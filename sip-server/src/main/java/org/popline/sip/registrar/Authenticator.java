package org.popline.sip.registrar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.util.List;
import java.util.ListIterator;
import javax.sip.address.AddressFactory;
import javax.sip.address.URI;
import javax.sip.header.AuthorizationHeader;
import javax.sip.message.Request;

/**
 * Checks the digest credentials of a request (RFC 3261 22, RFC 7616, RFC 8760) against the
 * configured agents. The response is checked first, whatever the nonce: a right response with a
 * stale or unknown nonce (one from before a restart, say) earns a fresh challenge, a wrong one a
 * refusal, so that only wrong passwords count as failures.
 */
final class Authenticator {
    /** What the registrar does with a request's credentials. */
    sealed interface Verdict {
    }

    /** Answer 401 with fresh challenges. */
    record Challenge(boolean stale, String why) implements Verdict {
    }

    /** The credentials are right: the request comes from this agent's phone. */
    record Accepted(AgentCredentials.Agent agent) implements Verdict {
    }

    /**
     * Answer {@code status} (400 for credentials that cannot be checked, 403 for wrong ones); either
     * counts as a failed attempt of the source.
     */
    record Refused(int status, String why, String username) implements Verdict {
    }

    private static final String DIGEST = "Digest";

    private final String realm;
    private final List<DigestAlgorithm> offered;
    private final AgentCredentials credentials;
    private final Nonces nonces;
    private final NonceCounts counts;
    private final AddressFactory addresses;

    Authenticator(String realm, List<DigestAlgorithm> offered, AgentCredentials credentials, Nonces nonces,
            NonceCounts counts, AddressFactory addresses) {
        this.realm = realm;
        this.offered = List.copyOf(offered);
        this.credentials = credentials;
        this.nonces = nonces;
        this.counts = counts;
        this.addresses = addresses;
    }

    Verdict check(Request request) {
        AuthorizationHeader header = digestHeader(request);
        if (header == null) {
            return new Challenge(false, "no credentials");
        }
        DigestCredentials c;
        try {
            c = DigestCredentials.of(header, offered);
        } catch (DigestCredentials.Malformed e) {
            return new Refused(400, e.getMessage(), header.getParameter("username"));
        }
        if (!sameResource(c.uri(), request.getRequestURI())) {
            return new Refused(400, "digest uri is not the Request-URI", c.username());
        }
        if (!c.realm().equals(realm)) {
            return new Refused(403, "credentials for realm '" + c.realm() + "'", c.username());
        }
        if (!responseMatches(c, request.getMethod())) {
            return new Refused(403, credentials.agent(c.username()).isPresent() ? "wrong response" : "unknown user",
                    c.username());
        }
        return switch (nonces.check(c.nonce())) {
            case STALE -> new Challenge(true, "stale nonce");
            case UNKNOWN -> new Challenge(true, "nonce not issued by this server");
            case FRESH -> counts.advance(c.nonce(), c.nonceCount())
                    ? new Accepted(credentials.agent(c.username()).orElseThrow())
                    : new Challenge(false, "nonce count not increasing (replay)");
        };
    }

    /** RFC 7616 3.4.1: KD(HA1, nonce:nc:cnonce:qop:HA2) with HA2 = H(method:uri), compared in constant time. */
    private boolean responseMatches(DigestCredentials c, String method) {
        DigestAlgorithm h = c.algorithm();
        String ha2 = h.hex(method + ":" + c.uri());
        String expected = h.hex(credentials.ha1(c.username(), h) + ":" + c.nonce() + ":" + c.nc() + ":"
                + c.cnonce() + ":" + c.qop() + ":" + ha2);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                c.response().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * RFC 2617 3.2.2.5: the digest-uri must name what the Request-URI names (compared as SIP URIs,
     * RFC 3261 19.1.4), or the credentials could be replayed against another resource.
     */
    private boolean sameResource(String digestUri, URI requestUri) {
        try {
            return addresses.createURI(digestUri).equals(requestUri);
        } catch (ParseException e) {
            return false;
        }
    }

    /** The first Digest credentials for any realm; other schemes (RFC 4475 regaut01) are ignored. */
    private static AuthorizationHeader digestHeader(Request request) {
        ListIterator<?> headers = request.getHeaders(AuthorizationHeader.NAME);
        while (headers != null && headers.hasNext()) {
            AuthorizationHeader h = (AuthorizationHeader) headers.next();
            if (DIGEST.equalsIgnoreCase(h.getScheme())) {
                return h;
            }
        }
        return null;
    }
}
