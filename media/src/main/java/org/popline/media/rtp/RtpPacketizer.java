package org.popline.media.rtp;

import java.nio.ByteBuffer;
import java.util.random.RandomGenerator;

/**
 * Writes the RTP headers of one outgoing stream (RFC 3550): fixed SSRC, sequence
 * number +1 per packet, timestamp advanced by the sampling clock. Not thread-safe:
 * one stream is written by one thread.
 */
public final class RtpPacketizer {

    private static final long TIMESTAMP_MASK = 0xFFFFFFFFL;
    private static final int SEQUENCE_MASK = 0xFFFF;

    private final long ssrc;
    private int sequence;
    private long timestamp;

    public RtpPacketizer(long ssrc, int initialSequence, long initialTimestamp) {
        this.ssrc = ssrc & TIMESTAMP_MASK;
        this.sequence = initialSequence & SEQUENCE_MASK;
        this.timestamp = initialTimestamp & TIMESTAMP_MASK;
    }

    /** RFC 3550 5.1: random SSRC, initial sequence and timestamp make plaintext attacks and collisions harder. */
    public static RtpPacketizer random(RandomGenerator random) {
        return new RtpPacketizer(random.nextLong(), random.nextInt(), random.nextLong());
    }

    /**
     * Writes header and payload at the buffer's position, advancing it, and moves on
     * to the next sequence number. The timestamp is left to {@link #advance(int)}.
     *
     * @return the number of bytes written
     */
    public int write(ByteBuffer out, int payloadType, byte[] payload, int off, int len, boolean marker) {
        return writeAt(out, timestamp, payloadType, payload, off, len, marker);
    }

    /**
     * Like {@link #write}, but stamped with {@code packetTimestamp} and leaving this stream's own
     * timestamp alone: relayed media brings its timing with it (RFC 4733 event packets, for one,
     * repeat the timestamp of the event's start), while the sequence number stays this stream's.
     */
    public int writeAt(ByteBuffer out, long packetTimestamp, int payloadType, byte[] payload, int off, int len,
                       boolean marker) {
        out.put((byte) 0x80);
        out.put((byte) ((marker ? 0x80 : 0) | (payloadType & 0x7F)));
        out.putShort((short) sequence);
        out.putInt((int) packetTimestamp);
        out.putInt((int) ssrc);
        out.put(payload, off, len);
        sequence = (sequence + 1) & SEQUENCE_MASK;
        return RtpPacket.HEADER_LENGTH + len;
    }

    public void advance(int samples) {
        timestamp = (timestamp + samples) & TIMESTAMP_MASK;
    }

    public long ssrc() {
        return ssrc;
    }

    public int nextSequence() {
        return sequence;
    }

    public long timestamp() {
        return timestamp;
    }
}
