package org.popline.media.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class NtpTimeTest {

    @Test
    void unixEpochIsSeventyYearsIntoNtpEraZero() {
        assertEquals(2_208_988_800L << 32, NtpTime.fromInstant(Instant.EPOCH));
    }

    @Test
    void halfASecondIsHalfTheFraction() {
        long ntp = NtpTime.fromInstant(Instant.ofEpochSecond(0, 500_000_000));
        assertEquals(0x8000_0000L, ntp & 0xFFFF_FFFFL);
    }

    @Test
    void middleBitsAreLowSecondsAndHighFraction() {
        assertEquals(0x5678_9ABCL, NtpTime.middle32(0x1234_5678_9ABC_DEF0L));
    }

    @Test
    void shortUnitsAreSixtyFifthousandsOfASecond() {
        assertEquals(65_536, NtpTime.nanosToShortUnits(1_000_000_000L));
        assertEquals(98_304, NtpTime.nanosToShortUnits(1_500_000_000L));
        assertEquals(1_500_000_000L, NtpTime.shortUnitsToNanos(98_304));
        assertEquals(0, NtpTime.nanosToShortUnits(-5));
    }

    @Test
    void shortUnitsSaturateInsteadOfWrapping() {
        assertEquals(0xFFFF_FFFFL, NtpTime.nanosToShortUnits(70_000L * 1_000_000_000L));
    }
}
