package org.popline.media.rtp;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A parsed RTP packet (RFC 3550 section 5.1).
 *
 * <p>The payload is not copied: {@link #payload()} is a view of the buffer given to
 * {@link #parse(ByteBuffer)}, valid only until that buffer is reused.
 */
public final class RtpPacket {

    public static final int HEADER_LENGTH = 12;

    private final ByteBuffer data;
    private final boolean padding;
    private final boolean marker;
    private final int payloadType;
    private final int sequence;
    private final long timestamp;
    private final long ssrc;
    private final int payloadOffset;
    private final int payloadLength;

    private RtpPacket(ByteBuffer data, boolean padding, boolean marker, int payloadType, int sequence,
                      long timestamp, long ssrc, int payloadOffset, int payloadLength) {
        this.data = data;
        this.padding = padding;
        this.marker = marker;
        this.payloadType = payloadType;
        this.sequence = sequence;
        this.timestamp = timestamp;
        this.ssrc = ssrc;
        this.payloadOffset = payloadOffset;
        this.payloadLength = payloadLength;
    }

    public static Optional<RtpPacket> parse(byte[] bytes, int len) {
        return parse(ByteBuffer.wrap(bytes, 0, len));
    }

    /**
     * Parses the bytes between the buffer's position and limit without moving either.
     * Returns empty for anything that is not a well-formed RTP packet: STUN, RTCP
     * (multiplexed per RFC 5761), truncated or inconsistent packets.
     */
    public static Optional<RtpPacket> parse(ByteBuffer buf) {
        int start = buf.position();
        int length = buf.remaining();
        if (length < HEADER_LENGTH) {
            return Optional.empty();
        }
        int b0 = buf.get(start) & 0xFF;
        int b1 = buf.get(start + 1) & 0xFF;
        if ((b0 >> 6) != 2 || isRtcpPacketType(b1)) {
            return Optional.empty();
        }
        boolean padding = (b0 & 0x20) != 0;
        boolean extension = (b0 & 0x10) != 0;
        int csrcCount = b0 & 0x0F;
        int headerLength = HEADER_LENGTH + 4 * csrcCount;
        if (extension) {
            if (length < headerLength + 4) {
                return Optional.empty();
            }
            int extensionWords = buf.getShort(start + headerLength + 2) & 0xFFFF;
            headerLength += 4 + 4 * extensionWords;
        }
        int payloadLength = length - headerLength;
        if (payloadLength < 0) {
            return Optional.empty();
        }
        if (padding) {
            int padCount = buf.get(start + length - 1) & 0xFF;
            if (padCount == 0 || padCount > payloadLength) {
                return Optional.empty();
            }
            payloadLength -= padCount;
        }
        return Optional.of(new RtpPacket(buf, padding, (b1 & 0x80) != 0, b1 & 0x7F,
                buf.getShort(start + 2) & 0xFFFF,
                buf.getInt(start + 4) & 0xFFFFFFFFL,
                buf.getInt(start + 8) & 0xFFFFFFFFL,
                start + headerLength, payloadLength));
    }

    // RFC 5761 section 4: RTCP packet types 192..223 collide with marker + PT 64..95.
    private static boolean isRtcpPacketType(int secondByte) {
        return secondByte >= 192 && secondByte <= 223;
    }

    public int version() {
        return 2;
    }

    public boolean padding() {
        return padding;
    }

    public boolean marker() {
        return marker;
    }

    public int payloadType() {
        return payloadType;
    }

    public int sequence() {
        return sequence;
    }

    public long timestamp() {
        return timestamp;
    }

    public long ssrc() {
        return ssrc;
    }

    /** Absolute index of the payload in the parsed buffer (or array). */
    public int payloadOffset() {
        return payloadOffset;
    }

    public int payloadLength() {
        return payloadLength;
    }

    /** A read-only view of the payload, sharing the parsed buffer's memory. */
    public ByteBuffer payload() {
        return data.asReadOnlyBuffer().limit(payloadOffset + payloadLength).position(payloadOffset).slice();
    }
}
