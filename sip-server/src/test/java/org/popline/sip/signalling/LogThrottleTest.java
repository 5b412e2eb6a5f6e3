package org.popline.sip.signalling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogThrottleTest {
    @Test
    void oneLinePerKeyAndPeriodThenTheCountOfThoseHeldBack() {
        AtomicLong now = new AtomicLong();
        LogThrottle throttle = new LogThrottle(60, 100, now::get);
        assertEquals(0, throttle.admit("10.0.0.1"));
        assertEquals(-1, throttle.admit("10.0.0.1"));
        assertEquals(-1, throttle.admit("10.0.0.1"));
        assertEquals(0, throttle.admit("10.0.0.2"), "another source has its own minute");
        now.set(59);
        assertEquals(-1, throttle.admit("10.0.0.1"));
        now.set(60);
        assertEquals(3, throttle.admit("10.0.0.1"), "the next line says how many were held back");
        assertEquals(-1, throttle.admit("10.0.0.1"));
    }

    @Test
    void theTableIsBounded() {
        AtomicLong now = new AtomicLong();
        LogThrottle throttle = new LogThrottle(60, 3, now::get);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, throttle.admit("k" + i));
        }
        assertEquals(0, throttle.admit("k3"), "a full table starts afresh");
        assertEquals(0, throttle.admit("k0"));
    }
}
