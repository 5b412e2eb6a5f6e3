package org.popline.crm.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues JWT-shaped bearer tokens signed with a key that lives only in this process, and verifies them. Nothing is
 * stored per token, which matters because MSAL4J on a non-443 port fetches a new token for every call.
 */
final class AccessTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODE = Base64.getUrlDecoder();
    private static final String HEADER = B64.encodeToString(
            "{\"typ\":\"JWT\",\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));

    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile byte[] key;

    AccessTokens(Clock clock) {
        this.clock = clock;
        revokeAll();
    }

    String issue(String issuer, String audience, String tenant, String clientId, Duration lifetime) {
        long now = clock.instant().getEpochSecond();
        ObjectNode claims = json.createObjectNode()
                .put("aud", audience)
                .put("iss", issuer)
                .put("iat", now)
                .put("nbf", now)
                .put("exp", now + lifetime.toSeconds())
                .put("appid", clientId)
                .put("tid", tenant)
                .put("uti", UUID.randomUUID().toString());
        String signingInput = HEADER + "." + B64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        return signingInput + "." + B64.encodeToString(sign(key, signingInput));
    }

    /** True when the token was issued by this process since the last revocation and has not expired. */
    boolean isValid(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return false;
        }
        try {
            byte[] expected = sign(key, parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, B64_DECODE.decode(parts[2]))) {
                return false;
            }
            JsonNode claims = json.readTree(B64_DECODE.decode(parts[1]));
            return claims.path("exp").asLong(0) > clock.instant().getEpochSecond();
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }

    /** Invalidates every token issued so far, as a rotated signing key would at Entra. */
    void revokeAll() {
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        key = fresh;
    }

    private static byte[] sign(byte[] key, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
