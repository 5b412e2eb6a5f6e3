package org.popline.media.rtcp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes our compound RTCP packet (RFC 3550 section 6.1): a sender report, with a
 * reception report block about the peer once we receive its stream, followed by the
 * SDES CNAME that every compound packet must carry.
 *
 * <p>Meant to be kept per session and refilled for each report, so reporting allocates
 * nothing; not thread-safe, as one thread (the clock) sends a session's reports.
 */
public final class SenderReport {

    static final int VERSION_BITS = 0x80;
    static final int TYPE_SR = 200;
    static final int TYPE_SDES = 202;
    static final int SDES_CNAME = 1;

    private static final int SR_HEADER_LENGTH = 28;
    private static final int MAX_CNAME_BYTES = 255;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long ssrc;
    private final byte[] cname;
    private long ntpTimestamp;
    private long rtpTimestamp;
    private long packetCount;
    private long octetCount;
    private ReportBlock block;

    /**
     * @param ssrc  the SSRC of our RTP stream
     * @param cname the canonical name, unchanging for the session (RFC 7022 suggests a random one per call)
     */
    public SenderReport(long ssrc, String cname) {
        this.ssrc = ssrc & 0xFFFFFFFFL;
        this.cname = cname.getBytes(StandardCharsets.UTF_8);
        if (this.cname.length == 0 || this.cname.length > MAX_CNAME_BYTES) {
            throw new IllegalArgumentException("CNAME must be 1-255 bytes: " + cname);
        }
    }

    /**
     * The instant of the report twice over: as NTP wall-clock time and as the RTP
     * timestamp our stream would carry at that same instant, so the peer can line up
     * our stream with our other streams (lip sync) and measure the round trip.
     */
    public SenderReport at(long ntpTimestamp, long rtpTimestamp) {
        this.ntpTimestamp = ntpTimestamp;
        this.rtpTimestamp = rtpTimestamp & 0xFFFFFFFFL;
        return this;
    }

    /**
     * The RTP timestamp of our stream at {@code nowNanos}, extrapolated from a frame
     * whose timestamp and send time are known, since a report falls between frames.
     */
    public static long timestampAt(long frameTimestamp, long frameNanos, long nowNanos, int clockRate) {
        long elapsedUnits = Math.floorDiv((nowNanos - frameNanos) * clockRate, NANOS_PER_SECOND);
        return (frameTimestamp + elapsedUnits) & 0xFFFFFFFFL;
    }

    /** Totals since the stream began; octets count payload only, not headers. */
    public SenderReport sent(long packets, long payloadOctets) {
        this.packetCount = packets & 0xFFFFFFFFL;
        this.octetCount = payloadOctets & 0xFFFFFFFFL;
        return this;
    }

    /** The block about the peer's stream, or null while we receive nothing from it. */
    public SenderReport reportBlock(ReportBlock block) {
        this.block = block;
        return this;
    }

    /** Bytes {@link #writeTo} will write. */
    public int length() {
        return srLength() + sdesLength();
    }

    /**
     * Writes the compound packet at the buffer's position, advancing it.
     *
     * @return the number of bytes written
     */
    public int writeTo(ByteBuffer out) {
        Objects.requireNonNull(out, "out");
        int start = out.position();
        writeSenderReport(out);
        writeSdes(out);
        return out.position() - start;
    }

    public byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(length());
        writeTo(out);
        return out.array();
    }

    private int srLength() {
        return SR_HEADER_LENGTH + (block == null ? 0 : ReportBlock.LENGTH);
    }

    /** SSRC, then CNAME type, length and text, then at least one zero octet ending the item list, to a 32-bit boundary. */
    private int sdesLength() {
        int chunk = 4 + 2 + cname.length + 1;
        return 4 + ((chunk + 3) & ~3);
    }

    private void writeSenderReport(ByteBuffer out) {
        int reportCount = block == null ? 0 : 1;
        out.put((byte) (VERSION_BITS | reportCount));
        out.put((byte) TYPE_SR);
        out.putShort((short) (srLength() / 4 - 1));
        out.putInt((int) ssrc);
        out.putLong(ntpTimestamp);
        out.putInt((int) rtpTimestamp);
        out.putInt((int) packetCount);
        out.putInt((int) octetCount);
        if (block != null) {
            block.writeTo(out);
        }
    }

    private void writeSdes(ByteBuffer out) {
        int length = sdesLength();
        int start = out.position();
        out.put((byte) (VERSION_BITS | 1));
        out.put((byte) TYPE_SDES);
        out.putShort((short) (length / 4 - 1));
        out.putInt((int) ssrc);
        out.put((byte) SDES_CNAME);
        out.put((byte) cname.length);
        out.put(cname);
        while (out.position() < start + length) {
            out.put((byte) 0);
        }
    }
}
