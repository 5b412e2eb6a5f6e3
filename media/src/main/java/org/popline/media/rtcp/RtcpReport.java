package org.popline.media.rtcp;

import java.util.List;
import java.util.Optional;

/**
 * What one compound RTCP packet from the peer tells us.
 *
 * @param senderSsrc  SSRC of the peer, from its SR or RR
 * @param senderInfo  present when the peer sent an SR (it is sending RTP to us)
 * @param aboutUs     the peer's report blocks about our SSRC (normally zero or one)
 * @param cname       the peer's CNAME when its SDES carried one
 * @param bye         true when the packet held a BYE for the peer's SSRC
 */
public record RtcpReport(long senderSsrc, Optional<SenderInfo> senderInfo, List<ReportBlock> aboutUs,
                         Optional<String> cname, boolean bye) {

    public RtcpReport {
        aboutUs = List.copyOf(aboutUs);
    }

    /**
     * The sender-info part of an SR.
     *
     * @param ntpTimestamp 64-bit NTP time of the report, echoed (middle 32 bits) as LSR in our next block
     * @param rtpTimestamp the peer's RTP timestamp at that instant
     * @param packetCount  RTP packets the peer has sent
     * @param octetCount   payload octets the peer has sent
     */
    public record SenderInfo(long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount) {
    }
}
