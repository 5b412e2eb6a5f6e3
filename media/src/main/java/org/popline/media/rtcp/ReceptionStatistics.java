package org.popline.media.rtcp;

/**
 * What we know about one peer's RTP stream, kept as RFC 3550 Appendix A prescribes:
 * sequence validation with probation (A.1), loss (A.3) and interarrival jitter (A.8),
 * plus the peer's last sender report, so that a {@link ReportBlock} can be written.
 *
 * <p>Packets are fed by the receive thread while reports are taken by whichever thread
 * sends RTCP, so every method is synchronized; the lock is uncontended but for one
 * report every few seconds.
 */
public final class ReceptionStatistics {

    /** Sequential packets required before a new source is believed (A.1). */
    static final int MIN_SEQUENTIAL = 2;
    /** A forward jump up to this is taken as loss; beyond it, as a restart to confirm. */
    static final int MAX_DROPOUT = 3000;
    /** A backward jump up to this is taken as a late or duplicate packet. */
    static final int MAX_MISORDER = 100;

    private static final int SEQ_MOD = 1 << 16;
    private static final double NANOS_PER_SECOND = 1e9;
    /** RFC 3550 6.4.1: the jitter estimate moves 1/16 of the way to each new difference. */
    private static final double JITTER_GAIN = 1.0 / 16;

    private final long ssrc;
    private final int clockRate;

    private boolean started;
    private int maxSeq;
    private long cycles;
    private int baseSeq;
    private int badSeq;
    private int probation;
    private long received;
    private long expectedPrior;
    private long receivedPrior;

    private boolean haveTransit;
    private long firstArrivalNanos;
    private double lastArrivalUnits;
    private long lastTimestamp;
    private double jitter;

    private long lastSenderReport;
    private long lastSenderReportNanos;

    /**
     * @param ssrc      the peer's SSRC; a new SSRC is a new source and needs new statistics
     * @param clockRate RTP timestamp units per second (8000 for G.711)
     */
    public ReceptionStatistics(long ssrc, int clockRate) {
        this.ssrc = ssrc & 0xFFFFFFFFL;
        this.clockRate = clockRate;
    }

    public long ssrc() {
        return ssrc;
    }

    /**
     * Accounts one received RTP packet of this source; the first one starts probation.
     *
     * @param arrivalNanos {@link System#nanoTime()} at arrival
     * @return false while the source is on probation or the packet is an unconfirmed jump
     */
    public synchronized boolean onPacket(int sequence, long rtpTimestamp, long arrivalNanos) {
        int seq = sequence & 0xFFFF;
        if (!started) {
            started = true;
            initSequence(seq);
            maxSeq = (seq - 1) & 0xFFFF;
            probation = MIN_SEQUENTIAL;
        }
        if (!updateSequence(seq)) {
            return false;
        }
        updateJitter(rtpTimestamp & 0xFFFFFFFFL, arrivalNanos);
        return true;
    }

    /** Remembers the peer's latest SR, echoed as LSR with the delay since as DLSR. */
    public synchronized void onSenderReport(long ntpTimestamp, long arrivalNanos) {
        lastSenderReport = NtpTime.middle32(ntpTimestamp);
        lastSenderReportNanos = arrivalNanos;
    }

    public synchronized long received() {
        return received;
    }

    public synchronized long extendedHighestSequence() {
        return cycles + maxSeq;
    }

    public synchronized long expected() {
        return probation > 0 ? 0 : extendedHighestSequence() - baseSeq + 1;
    }

    /** Expected minus received since reception began; negative with duplicates. */
    public synchronized long cumulativeLost() {
        return expected() - received;
    }

    /** Interarrival jitter in timestamp units. */
    public synchronized double jitter() {
        return jitter;
    }

    /**
     * The block to put in our next SR or RR. Taking it starts a new interval for
     * "fraction lost", so call it once per report sent.
     */
    public synchronized ReportBlock nextReportBlock(long nowNanos) {
        long expected = expected();
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
        long lost = Math.max(ReportBlock.MIN_CUMULATIVE_LOST, Math.min(ReportBlock.MAX_CUMULATIVE_LOST, expected - received));
        long delay = lastSenderReport == 0 ? 0 : NtpTime.nanosToShortUnits(nowNanos - lastSenderReportNanos);
        return new ReportBlock(ssrc, Math.min(fraction, 255), (int) lost, extendedHighestSequence() & 0xFFFFFFFFL,
                Math.round(jitter), lastSenderReport, delay);
    }

    private void initSequence(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = SEQ_MOD + 1;
        cycles = 0;
        received = 0;
        receivedPrior = 0;
        expectedPrior = 0;
    }

    /** RFC 3550 A.1 update_seq. */
    private boolean updateSequence(int seq) {
        int delta = (seq - maxSeq) & 0xFFFF;
        if (probation > 0) {
            if (seq == ((maxSeq + 1) & 0xFFFF)) {
                probation--;
                maxSeq = seq;
                if (probation == 0) {
                    initSequence(seq);
                    received++;
                    return true;
                }
            } else {
                probation = MIN_SEQUENTIAL - 1;
                maxSeq = seq;
            }
            return false;
        }
        if (delta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD;
            }
            maxSeq = seq;
        } else if (delta <= SEQ_MOD - MAX_MISORDER) {
            if (seq != badSeq) {
                badSeq = (seq + 1) & 0xFFFF;
                return false;
            }
            // Two sequential packets after a big jump: the peer restarted its stream, and
            // its new timestamp base must not count as one huge transit difference.
            initSequence(seq);
            haveTransit = false;
        }
        received++;
        return true;
    }

    /** RFC 3550 A.8, in floating point so that the estimate is not biased by truncation. */
    private void updateJitter(long timestamp, long arrivalNanos) {
        if (!haveTransit) {
            haveTransit = true;
            firstArrivalNanos = arrivalNanos;
            lastArrivalUnits = 0;
            lastTimestamp = timestamp;
            return;
        }
        double arrivalUnits = (arrivalNanos - firstArrivalNanos) * clockRate / NANOS_PER_SECOND;
        // The int cast takes the timestamp difference modulo 2^32, so wrap-around is harmless.
        int timestampDelta = (int) (timestamp - lastTimestamp);
        double transitDelta = (arrivalUnits - lastArrivalUnits) - timestampDelta;
        jitter += (Math.abs(transitDelta) - jitter) * JITTER_GAIN;
        lastArrivalUnits = arrivalUnits;
        lastTimestamp = timestamp;
    }
}
