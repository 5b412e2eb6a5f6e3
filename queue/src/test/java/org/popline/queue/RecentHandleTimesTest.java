package org.popline.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecentHandleTimesTest {
    private final RecentHandleTimes times = new RecentHandleTimes();

    @Test
    void saysNothingBelowThreeCalls() {
        times.add(Duration.ofSeconds(60));
        times.add(Duration.ofSeconds(60));

        assertEquals(Optional.empty(), times.estimatedWait(1, 1));
    }

    @Test
    void saysNothingWhenNobodyIsStaffed() {
        for (int i = 0; i < 3; i++) {
            times.add(Duration.ofSeconds(60));
        }

        assertEquals(Optional.empty(), times.estimatedWait(1, 0));
    }

    @Test
    void goesByTheLastTwentyCallsOnly() {
        for (int i = 0; i < 10; i++) {
            times.add(Duration.ofMinutes(30));
        }
        for (int i = 0; i < 20; i++) {
            times.add(Duration.ofSeconds(120));
        }

        assertEquals(Optional.of(Duration.ofSeconds(180)), times.estimatedWait(3, 2));
    }
}
