package org.popline.sip.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A phone's half of HTTP Digest as SIP uses it (RFC 7616 with qop=auth, RFC 8760), written from
 * the RFCs rather than from the server's code, so that it can check the server.
 */
public final class Digest {
    private static final Pattern PARAM = Pattern.compile("([A-Za-z-]+)\\s*=\\s*(?:\"([^\"]*)\"|([^,\\s]+))");

    private Digest() {
    }

    /** The parameters of one WWW-Authenticate value, e.g. {@code Digest realm="popline",nonce="...",algorithm=SHA-256}. */
    public static Map<String, String> challenge(String header) {
        if (!header.regionMatches(true, 0, "Digest ", 0, 7)) {
            throw new IllegalArgumentException("not a Digest challenge: " + header);
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = PARAM.matcher(header.substring(7));
        while (m.find()) {
            params.put(m.group(1).toLowerCase(), m.group(2) != null ? m.group(2) : m.group(3));
        }
        return params;
    }

    /** RFC 7616 3.4.1 with qop=auth: H(H(user:realm:password):nonce:nc:cnonce:qop:H(method:uri)). */
    public static String response(String algorithm, String user, String realm, String password, String method,
            String uri, String nonce, String nc, String cnonce) {
        String ha1 = hash(algorithm, user + ":" + realm + ":" + password);
        String ha2 = hash(algorithm, method + ":" + uri);
        return hash(algorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
    }

    /** The Authorization value answering a challenge. */
    public static String authorization(Map<String, String> challenge, String user, String password, String method,
            String uri, int nonceCount, String cnonce) {
        String algorithm = challenge.getOrDefault("algorithm", "MD5");
        String nc = String.format("%08x", nonceCount);
        String realm = challenge.get("realm");
        String nonce = challenge.get("nonce");
        return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", response=\"" + response(algorithm, user, realm, password, method, uri, nonce, nc, cnonce)
                + "\", algorithm=" + algorithm + ", cnonce=\"" + cnonce + "\", qop=auth, nc=" + nc;
    }

    static String hash(String algorithm, String text) {
        String jca = switch (algorithm.toUpperCase()) {
            case "MD5" -> "MD5";
            case "SHA-256" -> "SHA-256";
            default -> throw new IllegalArgumentException("unknown algorithm " + algorithm);
        };
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(jca).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
