package org.popline.sip.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class NoncesTest {
    private final MutableClock clock = new MutableClock();
    private final Nonces nonces = new Nonces(Duration.ofMinutes(5), clock);

    @Test
    void aNonceIsFreshForItsLifetimeThenStale() {
        String nonce = nonces.issue();
        assertEquals(Nonces.Check.FRESH, nonces.check(nonce));
        clock.advance(Duration.ofMinutes(5));
        assertEquals(Nonces.Check.FRESH, nonces.check(nonce));
        clock.advance(Duration.ofMillis(1));
        assertEquals(Nonces.Check.STALE, nonces.check(nonce));
    }

    @Test
    void everyNonceIsNew() {
        assertNotEquals(nonces.issue(), nonces.issue());
    }

    @Test
    void onlyThisServersNoncesAreKnown() {
        String nonce = nonces.issue();
        assertEquals(Nonces.Check.UNKNOWN, new Nonces(Duration.ofMinutes(5), clock).check(nonce),
                "another key (another server, or this one before a restart)");
        byte[] bytes = Base64.getUrlDecoder().decode(nonce);
        bytes[0] ^= 1;
        assertEquals(Nonces.Check.UNKNOWN, nonces.check(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)),
                "a changed issue time");
        for (String junk : new String[] {"", "abc", "not base64 at all!", nonce + "AAAA"}) {
            assertEquals(Nonces.Check.UNKNOWN, nonces.check(junk), junk);
        }
    }

    @Test
    void aNonceFromTheFutureIsStaleNotForged() {
        String nonce = nonces.issue();
        clock.advance(Duration.ofMinutes(-1));
        assertEquals(Nonces.Check.STALE, nonces.check(nonce), "the clock was set back: fetch a new one");
    }
}
