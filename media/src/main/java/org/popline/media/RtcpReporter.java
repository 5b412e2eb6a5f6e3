package org.popline.media;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.popline.media.rtcp.NtpTime;
import org.popline.media.rtcp.ReceptionStatistics;
import org.popline.media.rtcp.ReportBlock;
import org.popline.media.rtcp.RtcpParser;
import org.popline.media.rtcp.RtcpReport;
import org.popline.media.rtcp.SenderReport;
import org.popline.media.rtp.RtpPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session's RTCP (RFC 3550 section 6) on the port above its RTP port: a Sender Report about
 * every 5 s, sent by the clock thread right after an RTP frame, and the peer's reports read by
 * the receive thread. Like RTP, it answers to where the peer's RTCP comes from once it arrives;
 * RTCP is taken only from the host whose RTP the session takes (or, before any, the SDP's host),
 * on any port, as NAT maps the peer's RTCP port apart from its RTP port.
 */
final class RtcpReporter {
    private static final Logger log = LoggerFactory.getLogger(RtcpReporter.class);
    private static final int CLOCK_RATE = 8000;
    /** 5 s in 20 ms ticks; each interval is drawn from half to one and a half times this (RFC 3550 6.2). */
    private static final int INTERVAL_TICKS = 250;

    private final String callId;
    private final DatagramChannel channel;
    private final SenderReport report;
    private final RtcpParser parser;
    private final StrictRtpSource sources;
    private final Runnable onForeign;
    private volatile ReceptionStatistics inbound;
    private volatile SocketAddress target;
    private volatile boolean latched;
    private volatile ReportBlock lastAboutUs;
    private volatile Optional<Duration> roundTrip = Optional.empty();
    private volatile long reportsAboutUs;
    // Clock thread only. The first report comes at a random point so that sessions spread out.
    private int ticksToReport = ThreadLocalRandom.current().nextInt(1, INTERVAL_TICKS + 1);

    /** @param onForeign called for each datagram dropped because it came from another host than the peer's */
    RtcpReporter(String callId, DatagramChannel channel, long ssrc, String cname, StrictRtpSource sources,
                 Runnable onForeign) {
        this.callId = callId;
        this.sources = sources;
        this.onForeign = onForeign;
        this.channel = channel;
        this.report = new SenderReport(ssrc, cname);
        this.parser = new RtcpParser(ssrc);
    }

    /**
     * RTCP goes to the port above the peer's RTP port (RFC 3550 11) until the peer's own RTCP says
     * otherwise; where the peer's RTP moves to another host, its earlier RTCP source is forgotten.
     */
    void peerRtp(InetSocketAddress rtp) {
        SocketAddress latchedTo = target;
        if (!latched || !((InetSocketAddress) latchedTo).getAddress().equals(rtp.getAddress())) {
            latched = false;
            target = new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1);
        }
    }

    /** Receive thread: one RTP packet from the peer. */
    void onRtp(RtpPacket packet, long arrivalNanos) {
        ReceptionStatistics stats = inbound;
        if (stats == null || stats.ssrc() != packet.ssrc()) {
            stats = new ReceptionStatistics(packet.ssrc(), CLOCK_RATE);
            inbound = stats;
        }
        stats.onPacket(packet.sequence(), packet.timestamp(), arrivalNanos);
    }

    /** Receive thread: a datagram on the RTCP port. */
    void onRtcp(ByteBuffer datagram, SocketAddress source) {
        InetAddress peer = sources.peerHost();
        if (peer == null || !peer.equals(((InetSocketAddress) source).getAddress())) {
            onForeign.run();
            return;
        }
        long arrivalNanos = System.nanoTime();
        Optional<RtcpReport> parsed = parser.parse(datagram);
        if (parsed.isEmpty()) {
            return;
        }
        if (!latched) {
            latched = true;
            target = source;
        }
        RtcpReport r = parsed.get();
        ReceptionStatistics stats = inbound;
        if (stats != null && stats.ssrc() == r.senderSsrc()) {
            r.senderInfo().ifPresent(info -> stats.onSenderReport(info.ntpTimestamp(), arrivalNanos));
        }
        long arrivalNtp = NtpTime.fromInstant(Instant.now());
        for (ReportBlock block : r.aboutUs()) {
            lastAboutUs = block;
            reportsAboutUs++;
            roundTrip = block.roundTrip(arrivalNtp);
        }
        if (r.bye()) {
            log.debug("RTCP {} BYE from the peer", callId);
        }
    }

    /** Clock thread, after an RTP frame went out: sends a Sender Report when one is due. */
    void onTick(ByteBuffer scratch, long rtpTimestamp, long packetsSent, long octetsSent) {
        if (--ticksToReport > 0) {
            return;
        }
        ticksToReport = ThreadLocalRandom.current().nextInt(INTERVAL_TICKS / 2, INTERVAL_TICKS * 3 / 2 + 1);
        SocketAddress to = target;
        if (to == null) {
            return;
        }
        ReceptionStatistics stats = inbound;
        report.at(NtpTime.fromInstant(Instant.now()), rtpTimestamp).sent(packetsSent, octetsSent)
                .reportBlock(stats == null ? null : stats.nextReportBlock(System.nanoTime()));
        scratch.clear();
        report.writeTo(scratch);
        scratch.flip();
        try {
            channel.send(scratch, to);
        } catch (IOException e) {
            log.debug("RTCP {} report to {} not sent: {}", callId, to, e.toString());
        }
    }

    StreamQuality quality() {
        ReportBlock about = lastAboutUs;
        ReceptionStatistics stats = inbound;
        return new StreamQuality(reportsAboutUs,
                about == null ? 0 : about.fractionLostRatio(),
                about == null ? 0 : about.cumulativeLost(),
                about == null ? 0 : about.jitter() * 1000.0 / CLOCK_RATE,
                roundTrip,
                stats == null ? 0 : stats.received(),
                stats == null ? 0 : Math.max(0, stats.cumulativeLost()),
                stats == null ? 0 : stats.jitter() * 1000.0 / CLOCK_RATE);
    }
}
