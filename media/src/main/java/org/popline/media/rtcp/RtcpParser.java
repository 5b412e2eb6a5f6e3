package org.popline.media.rtcp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads compound RTCP packets from the peer (RFC 3550 section 6) and keeps what
 * concerns our stream. Validation follows Appendix A.2: every packet version 2, the
 * first one an SR or RR, padding only on the last one, and the packet lengths adding
 * up to the datagram exactly. SR, RR, SDES and BYE are read; other types (APP, XR,
 * feedback) are skipped by their length.
 */
public final class RtcpParser {

    static final int TYPE_SR = 200;
    static final int TYPE_RR = 201;
    static final int TYPE_SDES = 202;
    static final int TYPE_BYE = 203;

    private static final int HEADER_LENGTH = 4;
    private static final int SENDER_INFO_LENGTH = 20;
    private static final int SDES_END = 0;
    private static final int SDES_CNAME = 1;
    /** Outside the 32-bit range, so it matches no real SSRC. */
    private static final long NO_SSRC = -1;

    private final long ourSsrc;

    /** @param ourSsrc the SSRC of our RTP stream: report blocks about other sources are dropped */
    public RtcpParser(long ourSsrc) {
        this.ourSsrc = ourSsrc & 0xFFFFFFFFL;
    }

    /**
     * Parses the bytes between the buffer's position and limit without moving either.
     * Returns empty for anything that is not a valid compound RTCP packet.
     */
    public Optional<RtcpReport> parse(ByteBuffer buf) {
        int offset = buf.position();
        int end = buf.limit();
        if (end - offset < HEADER_LENGTH || !isReport(buf.get(offset + 1) & 0xFF)) {
            return Optional.empty();
        }
        Builder report = new Builder();
        while (offset < end) {
            if (end - offset < HEADER_LENGTH) {
                return Optional.empty();
            }
            int b0 = buf.get(offset) & 0xFF;
            int type = buf.get(offset + 1) & 0xFF;
            int length = ((buf.getShort(offset + 2) & 0xFFFF) + 1) * 4;
            boolean padded = (b0 & 0x20) != 0;
            if ((b0 >> 6) != 2 || length > end - offset || (padded && offset + length != end)) {
                return Optional.empty();
            }
            int contentEnd = offset + length;
            if (padded) {
                int padCount = buf.get(contentEnd - 1) & 0xFF;
                if (padCount == 0 || padCount > length - HEADER_LENGTH) {
                    return Optional.empty();
                }
                contentEnd -= padCount;
            }
            if (!readPacket(buf, type, b0 & 0x1F, offset, contentEnd, report)) {
                return Optional.empty();
            }
            offset += length;
        }
        return Optional.of(report.build());
    }

    private static boolean isReport(int type) {
        return type == TYPE_SR || type == TYPE_RR;
    }

    private boolean readPacket(ByteBuffer buf, int type, int count, int start, int end, Builder report) {
        switch (type) {
            case TYPE_SR:
                return readReport(buf, count, start, end, true, report);
            case TYPE_RR:
                return readReport(buf, count, start, end, false, report);
            case TYPE_SDES:
                return readSdes(buf, count, start + HEADER_LENGTH, end, report);
            case TYPE_BYE:
                return readBye(buf, count, start + HEADER_LENGTH, end, report);
            default:
                return true;
        }
    }

    private boolean readReport(ByteBuffer buf, int count, int start, int end, boolean sender, Builder report) {
        int blocksAt = start + HEADER_LENGTH + 4 + (sender ? SENDER_INFO_LENGTH : 0);
        if (blocksAt + count * ReportBlock.LENGTH > end) {
            return false;
        }
        long ssrc = buf.getInt(start + HEADER_LENGTH) & 0xFFFFFFFFL;
        if (report.senderSsrc == NO_SSRC) {
            report.senderSsrc = ssrc;
        }
        if (sender && ssrc == report.senderSsrc) {
            int info = start + HEADER_LENGTH + 4;
            report.senderInfo = new RtcpReport.SenderInfo(buf.getLong(info),
                    buf.getInt(info + 8) & 0xFFFFFFFFL,
                    buf.getInt(info + 12) & 0xFFFFFFFFL,
                    buf.getInt(info + 16) & 0xFFFFFFFFL);
        }
        for (int i = 0; i < count; i++) {
            int at = blocksAt + i * ReportBlock.LENGTH;
            if ((buf.getInt(at) & 0xFFFFFFFFL) == ourSsrc) {
                report.aboutUs.add(ReportBlock.readFrom(buf, at));
            }
        }
        return true;
    }

    /** Chunks: SSRC, then items (type, length, text) up to a zero type, then padding to 32 bits. */
    private static boolean readSdes(ByteBuffer buf, int count, int offset, int end, Builder report) {
        for (int chunk = 0; chunk < count; chunk++) {
            if (offset + 4 > end) {
                return false;
            }
            long ssrc = buf.getInt(offset) & 0xFFFFFFFFL;
            int at = offset + 4;
            while (true) {
                if (at >= end) {
                    return false;
                }
                int itemType = buf.get(at) & 0xFF;
                if (itemType == SDES_END) {
                    at++;
                    break;
                }
                if (at + 2 > end) {
                    return false;
                }
                int itemLength = buf.get(at + 1) & 0xFF;
                if (at + 2 + itemLength > end) {
                    return false;
                }
                if (itemType == SDES_CNAME && ssrc == report.senderSsrc) {
                    byte[] text = new byte[itemLength];
                    buf.get(at + 2, text);
                    report.cname = new String(text, StandardCharsets.UTF_8);
                }
                at += 2 + itemLength;
            }
            offset += (at - offset + 3) & ~3;
        }
        return offset <= end;
    }

    private static boolean readBye(ByteBuffer buf, int count, int offset, int end, Builder report) {
        if (offset + 4 * count > end) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if ((buf.getInt(offset + 4 * i) & 0xFFFFFFFFL) == report.senderSsrc) {
                report.bye = true;
            }
        }
        return true;
    }

    private static final class Builder {
        /** Set by the first packet, which validation has made an SR or RR. */
        long senderSsrc = NO_SSRC;
        RtcpReport.SenderInfo senderInfo;
        final List<ReportBlock> aboutUs = new ArrayList<>();
        String cname;
        boolean bye;

        RtcpReport build() {
            return new RtcpReport(senderSsrc, Optional.ofNullable(senderInfo), aboutUs, Optional.ofNullable(cname), bye);
        }
    }
}
