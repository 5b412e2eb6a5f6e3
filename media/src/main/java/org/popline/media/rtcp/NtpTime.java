package org.popline.media.rtcp;

import java.time.Instant;

/**
 * NTP timestamp formats used by RTCP (RFC 3550 section 4): the 64-bit wall-clock time
 * of sender reports and the 32-bit "middle" form, in units of 1/65536 s, that LSR and
 * DLSR carry.
 */
public final class NtpTime {

    /** Seconds from 1900-01-01 (NTP era 0) to 1970-01-01 (Unix epoch). */
    static final long EPOCH_OFFSET_SECONDS = 2_208_988_800L;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long MASK_32 = 0xFFFFFFFFL;
    /** The 16.16 format holds just under 65536 s (about 18 hours). */
    private static final long MAX_SHORT_SECONDS = 1L << 16;

    private NtpTime() {
    }

    /**
     * The 64-bit NTP timestamp of {@code instant}: seconds in the high word, binary
     * fraction in the low word. Seconds wrap in 2036 like every NTP era.
     */
    public static long fromInstant(Instant instant) {
        long seconds = (instant.getEpochSecond() + EPOCH_OFFSET_SECONDS) & MASK_32;
        long fraction = ((long) instant.getNano() << 32) / NANOS_PER_SECOND;
        return (seconds << 32) | fraction;
    }

    /** The middle 32 bits of a 64-bit NTP timestamp: what a report block echoes as LSR. */
    public static long middle32(long ntpTimestamp) {
        return (ntpTimestamp >>> 16) & MASK_32;
    }

    /** A duration in the 1/65536 s units of DLSR, saturating at the field's 32 bits. */
    public static long nanosToShortUnits(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        if (nanos >= MAX_SHORT_SECONDS * NANOS_PER_SECOND) {
            return MASK_32;
        }
        return (nanos << 16) / NANOS_PER_SECOND;
    }

    public static long shortUnitsToNanos(long units) {
        return (units * NANOS_PER_SECOND) >> 16;
    }
}
