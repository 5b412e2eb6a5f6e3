package org.popline.sip.registrar;

import java.util.List;
import javax.sip.header.AuthorizationHeader;

/**
 * The fields of a Digest Authorization header (RFC 7616 3.4) that the registrar checks, each as
 * the phone wrote it, since the response is a hash over exactly those characters.
 *
 * @param uri the digest-uri as written; the phone should repeat the Request-URI
 * @param nc  the nonce count as written, eight hex digits
 */
record DigestCredentials(String username, String realm, String nonce, String uri, String response,
        DigestAlgorithm algorithm, String cnonce, String nc, String qop) {

    /** Credentials that cannot be checked at all; the message says what is missing or wrong. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    /**
     * @param offered the algorithms our challenges offer; an answer in another one is refused
     */
    static DigestCredentials of(AuthorizationHeader h, List<DigestAlgorithm> offered) throws Malformed {
        String username = required(h, "username");
        String realm = required(h, "realm");
        String nonce = required(h, "nonce");
        String uri = required(h, "uri");
        String response = required(h, "response");
        String algorithmName = h.getParameter("algorithm");
        // RFC 7616 3.4: no algorithm means MD5.
        DigestAlgorithm algorithm = algorithmName == null ? DigestAlgorithm.MD5
                : DigestAlgorithm.of(algorithmName).orElseThrow(
                        () -> new Malformed("unsupported digest algorithm " + algorithmName));
        if (!offered.contains(algorithm)) {
            throw new Malformed("digest algorithm " + algorithm.token() + " was not offered");
        }
        // Our challenges ask for qop=auth; its cnonce and nonce count are what make replays detectable.
        String qop = required(h, "qop");
        if (!qop.equals("auth")) {
            throw new Malformed("qop must be auth");
        }
        String cnonce = required(h, "cnonce");
        String nc = required(h, "nc");
        if (!nc.matches("[0-9a-fA-F]{8}")) {
            throw new Malformed("nc must be eight hex digits");
        }
        if (!response.matches("[0-9a-fA-F]+")) {
            throw new Malformed("response is not hex");
        }
        return new DigestCredentials(username, realm, nonce, uri, response.toLowerCase(), algorithm, cnonce, nc, qop);
    }

    private static String required(AuthorizationHeader h, String name) throws Malformed {
        String value = h.getParameter(name);
        if (value == null || value.isEmpty()) {
            throw new Malformed("no " + name + " in Authorization");
        }
        return value;
    }

    long nonceCount() {
        return Long.parseLong(nc, 16);
    }

    /** Without the response, which must not reach a log. */
    @Override
    public String toString() {
        return "DigestCredentials[username=" + username + ", realm=" + realm + ", algorithm=" + algorithm.token() + "]";
    }
}
