package org.popline.sip.registrar;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues digest nonces that carry their issue time and a random part under an HMAC with a secret
 * {@link NonceKey}, so that any nonce can be checked without remembering it: a nonce signed with
 * another key (made before a restart, or by a node outside the cluster) is unknown, one older than
 * the lifetime is stale.
 */
final class Nonces {
    /** What a nonce turns out to be. */
    enum Check {
        FRESH, STALE, UNKNOWN
    }

    private static final int TIME_BYTES = 8;
    private static final int RANDOM_BYTES = 8;
    private static final int MAC_BYTES = 16;
    private static final String HMAC = "HmacSHA256";

    private final NonceKey key;
    private final SecureRandom random = new SecureRandom();
    private final Duration lifetime;
    private final Clock clock;

    Nonces(Duration lifetime, Clock clock) {
        this(NonceKey.random(), lifetime, clock);
    }

    Nonces(NonceKey key, Duration lifetime, Clock clock) {
        this.key = key;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    String issue() {
        ByteBuffer b = ByteBuffer.allocate(TIME_BYTES + RANDOM_BYTES + MAC_BYTES);
        b.putLong(clock.millis());
        byte[] salt = new byte[RANDOM_BYTES];
        random.nextBytes(salt);
        b.put(salt);
        b.put(mac(b.array(), TIME_BYTES + RANDOM_BYTES));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    Check check(String nonce) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException e) {
            return Check.UNKNOWN;
        }
        if (bytes.length != TIME_BYTES + RANDOM_BYTES + MAC_BYTES) {
            return Check.UNKNOWN;
        }
        byte[] expected = mac(bytes, TIME_BYTES + RANDOM_BYTES);
        byte[] given = Arrays.copyOfRange(bytes, TIME_BYTES + RANDOM_BYTES, bytes.length);
        if (!MessageDigest.isEqual(expected, given)) {
            return Check.UNKNOWN;
        }
        long age = clock.millis() - ByteBuffer.wrap(bytes).getLong();
        // A nonce from the future means the clock was set back: let the phone fetch a new one.
        return age >= 0 && age <= lifetime.toMillis() ? Check.FRESH : Check.STALE;
    }

    private byte[] mac(byte[] data, int length) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key.current(), HMAC));
            mac.update(data, 0, length);
            return Arrays.copyOf(mac.doFinal(), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + HMAC, e);
        }
    }
}
