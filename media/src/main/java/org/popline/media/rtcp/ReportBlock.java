package org.popline.media.rtcp;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;

/**
 * One reception report block of an SR or RR (RFC 3550 section 6.4.1): what a receiver
 * says about one source's stream.
 *
 * @param ssrc                      the source this block is about
 * @param fractionLost              packets lost since the previous report, in 1/256
 * @param cumulativeLost            packets lost since reception began (signed: duplicates can make it negative)
 * @param extendedHighestSequence   cycles in the high 16 bits, highest sequence number in the low 16
 * @param jitter                    interarrival jitter in RTP timestamp units
 * @param lastSenderReport          middle 32 bits of the NTP timestamp of the last SR received from the source, 0 if none
 * @param delaySinceLastSenderReport time from receiving that SR to sending this block, in 1/65536 s
 */
public record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequence,
                          long jitter, long lastSenderReport, long delaySinceLastSenderReport) {

    public static final int LENGTH = 24;

    /** RFC 3550 A.3: the field is 24 bits, so larger counts are clamped, not wrapped. */
    static final int MAX_CUMULATIVE_LOST = 0x7FFFFF;
    static final int MIN_CUMULATIVE_LOST = -0x800000;

    public ReportBlock {
        if (fractionLost < 0 || fractionLost > 255) {
            throw new IllegalArgumentException("fraction lost out of 0-255: " + fractionLost);
        }
        if (cumulativeLost < MIN_CUMULATIVE_LOST || cumulativeLost > MAX_CUMULATIVE_LOST) {
            throw new IllegalArgumentException("cumulative lost out of 24-bit range: " + cumulativeLost);
        }
    }

    public double fractionLostRatio() {
        return fractionLost / 256.0;
    }

    /**
     * The round trip to the reporter and back (RFC 3550 section 6.4.1, A - LSR - DLSR),
     * when the block echoes one of our sender reports.
     *
     * @param arrivalNtp our 64-bit NTP time when the report arrived, from the same wall clock as our SR
     */
    public Optional<Duration> roundTrip(long arrivalNtp) {
        if (lastSenderReport == 0) {
            return Optional.empty();
        }
        long units = (NtpTime.middle32(arrivalNtp) - lastSenderReport - delaySinceLastSenderReport) & 0xFFFFFFFFL;
        // A negative result (clock stepped, bogus DLSR) shows up as a huge unsigned value.
        if (units > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(NtpTime.shortUnitsToNanos(units)));
    }

    void writeTo(ByteBuffer out) {
        out.putInt((int) ssrc);
        out.putInt((fractionLost << 24) | (cumulativeLost & 0xFFFFFF));
        out.putInt((int) extendedHighestSequence);
        out.putInt((int) jitter);
        out.putInt((int) lastSenderReport);
        out.putInt((int) delaySinceLastSenderReport);
    }

    static ReportBlock readFrom(ByteBuffer in, int offset) {
        int lossWord = in.getInt(offset + 4);
        // Shifting left then arithmetically right sign-extends the 24-bit count.
        int cumulative = (lossWord << 8) >> 8;
        return new ReportBlock(
                in.getInt(offset) & 0xFFFFFFFFL,
                lossWord >>> 24,
                cumulative,
                in.getInt(offset + 8) & 0xFFFFFFFFL,
                in.getInt(offset + 12) & 0xFFFFFFFFL,
                in.getInt(offset + 16) & 0xFFFFFFFFL,
                in.getInt(offset + 20) & 0xFFFFFFFFL);
    }
}
