package org.popline.sip.registrar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/** The HTTP Digest algorithms the registrar offers (RFC 8760 adds SHA-256 to SIP; MD5 is what older phones know). */
public enum DigestAlgorithm {
    SHA_256("SHA-256", "SHA-256"),
    MD5("MD5", "MD5");

    /** How the algorithm is named in WWW-Authenticate and Authorization (and, lower case, in the configuration). */
    private final String token;
    private final String jcaName;

    DigestAlgorithm(String token, String jcaName) {
        this.token = token;
        this.jcaName = jcaName;
    }

    public String token() {
        return token;
    }

    /** RFC 7616's H(data): the lower-case hex of the hash of the UTF-8 bytes. */
    public String hex(String data) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance(jcaName).digest(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + jcaName, e);
        }
    }

    /** The algorithm of a token as written in a header or the configuration, in any case. */
    public static Optional<DigestAlgorithm> of(String token) {
        for (DigestAlgorithm a : values()) {
            if (a.token.equalsIgnoreCase(token)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
