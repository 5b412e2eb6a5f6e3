package org.popline.sip.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SourceLockoutTest {
    private final MutableClock clock = new MutableClock();
    private final SourceLockout<InetAddress> lockout = new SourceLockout<>(5, Duration.ofSeconds(60),
            Duration.ofSeconds(30), Duration.ofMinutes(10), clock, InetAddress::getHostAddress);
    private final InetAddress guesser = address("127.0.0.1");
    private final InetAddress phone = address("127.0.0.2");

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            lockout.failed(guesser);
        }
    }

    @Test
    void fiveFailuresWithinAMinuteLockTheAddressOutAndNoOtherOne() {
        fail(4);
        assertFalse(lockout.refuses(guesser), "four failures are not yet guessing");
        fail(1);
        assertTrue(lockout.refuses(guesser));
        assertFalse(lockout.refuses(phone));
        assertEquals(1, lockout.lockouts().size());
        assertEquals("127.0.0.1", lockout.lockouts().get(0).source());
        assertEquals(1, lockout.lockouts().get(0).refused());
    }

    @Test
    void failuresSpreadOverMoreThanTheWindowDoNotAddUp() {
        fail(4);
        clock.advance(Duration.ofSeconds(61));
        fail(4);
        assertFalse(lockout.refuses(guesser));
        fail(1);
        assertTrue(lockout.refuses(guesser), "five within the last minute");
    }

    @Test
    void eachLockoutLastsTwiceAsLongUpToTheMaximum() {
        long[] expectedSeconds = {30, 60, 120, 240, 480, 600, 600};
        for (long seconds : expectedSeconds) {
            fail(5);
            clock.advance(Duration.ofSeconds(seconds - 1));
            assertTrue(lockout.refuses(guesser), "still locked out after " + (seconds - 1) + "s");
            clock.advance(Duration.ofSeconds(1));
            assertFalse(lockout.refuses(guesser), "free again after " + seconds + "s");
        }
    }

    @Test
    void aSuccessClearsTheRecord() {
        fail(5);
        clock.advance(Duration.ofSeconds(30));
        lockout.succeeded(guesser);
        fail(5);
        clock.advance(Duration.ofSeconds(30));
        assertFalse(lockout.refuses(guesser), "back to the first, 30 s lockout");
    }

    @Test
    void aQuietAddressIsForgottenAndStartsOverAtTheFirstLockout() {
        fail(5);
        clock.advance(Duration.ofSeconds(30 + 601));
        lockout.forgetQuietSources();
        fail(5);
        clock.advance(Duration.ofSeconds(30));
        assertFalse(lockout.refuses(guesser));
    }
}
