package org.popline.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.popline.media.codec.Codec;
import org.popline.media.rtcp.RtcpParser;
import org.popline.media.rtcp.RtcpReport;
import org.popline.media.rtp.RtpPacketizer;

/** A session's RTCP on real loopback sockets: its Sender Reports, and what it learns from the peer's. */
class RtpSessionRtcpTest {
    private MediaEngine engine;
    private DatagramChannel peerRtp;
    private DatagramChannel peerRtcp;

    @BeforeEach
    void setUp() throws IOException {
        engine = new MediaEngine(RtpTestPeer.LOOPBACK, 46300, 46399);
        for (int port = 47000; peerRtcp == null && port < 48000; port += 2) {
            try {
                peerRtp = DatagramChannel.open().bind(new InetSocketAddress(RtpTestPeer.LOOPBACK, port));
                peerRtcp = DatagramChannel.open().bind(new InetSocketAddress(RtpTestPeer.LOOPBACK, port + 1));
            } catch (IOException taken) {
                if (peerRtp != null) {
                    peerRtp.close();
                }
            }
        }
        peerRtcp.configureBlocking(false);
    }

    @AfterEach
    void tearDown() throws IOException {
        engine.close();
        peerRtp.close();
        peerRtcp.close();
    }

    @Test
    void sendsSenderReportsToThePortAboveThePeersRtp() throws Exception {
        RtpSession session = engine.openSession("rtcp-sr");
        session.start((InetSocketAddress) peerRtp.getLocalAddress(), Codec.PCMU);
        ByteBuffer buf = ByteBuffer.allocate(1500);
        long deadline = System.nanoTime() + 8_000_000_000L;
        Optional<RtcpReport> report = Optional.empty();
        // The first report may leave before the first RTP packet, so the test waits for one that counts some.
        while (!sentPackets(report) && System.nanoTime() < deadline) {
            buf.clear();
            InetSocketAddress from = (InetSocketAddress) peerRtcp.receive(buf);
            if (from == null) {
                Thread.sleep(10);
                continue;
            }
            assertEquals(session.localPort() + 1, from.getPort(), "RTCP comes from the port above RTP");
            report = new RtcpParser(1).parse(buf.flip());
            assertTrue(report.isPresent(), "a valid compound RTCP packet");
            assertTrue(report.get().senderInfo().isPresent(), "a Sender Report");
        }
        assertTrue(sentPackets(report), "no Sender Report counting sent packets within 8 s");
        assertTrue(report.get().cname().orElse("").startsWith("popline@"));
        ByteBuffer rtp = ByteBuffer.allocate(1500);
        peerRtp.receive(rtp);
        assertEquals(rtp.getInt(8) & 0xFFFFFFFFL, report.get().senderSsrc(), "the SR speaks for the RTP stream's SSRC");
    }

    private static boolean sentPackets(Optional<RtcpReport> report) {
        return report.flatMap(RtcpReport::senderInfo).map(info -> info.packetCount() > 0).orElse(false);
    }

    @Test
    void recordsWhatThePeerReportsAndWhatItReceives() throws Exception {
        RtpSession session = engine.openSession("rtcp-rr");
        session.start((InetSocketAddress) peerRtp.getLocalAddress(), Codec.PCMU);
        ByteBuffer first = ByteBuffer.allocate(1500);
        peerRtp.receive(first);
        long ourSsrc = first.getInt(8) & 0xFFFFFFFFL;

        RtpPacketizer peerStream = new RtpPacketizer(0x5EED, 100, 0);
        InetSocketAddress sessionRtp = new InetSocketAddress(RtpTestPeer.LOOPBACK, session.localPort());
        for (int i = 0; i < 50; i++) {
            ByteBuffer p = ByteBuffer.allocate(172);
            peerStream.write(p, 0, new byte[160], 0, 160, i == 0);
            peerStream.advance(160);
            if (i % 10 != 5) {
                peerRtp.send(p.flip(), sessionRtp);
            }
        }

        ByteBuffer rr = ByteBuffer.allocate(32);
        rr.put((byte) 0x81).put((byte) 201).putShort((short) 7).putInt(0x5EED);
        rr.putInt((int) ourSsrc).putInt((25 << 24) | 7).putInt(1234).putInt(80).putInt(0).putInt(0);
        peerRtcp.send(rr.flip(), new InetSocketAddress(RtpTestPeer.LOOPBACK, session.localPort() + 1));

        Await.until("the peer's report", () -> session.quality().peerReports() > 0);
        StreamQuality q = session.quality();
        assertEquals(25 / 256.0, q.peerFractionLost(), 1e-9);
        assertEquals(7, q.peerCumulativeLost());
        assertEquals(10.0, q.peerJitterMillis(), 1e-9, "80 timestamp units at 8 kHz");
        Await.until("our reception counts", () -> session.quality().received() >= 44);
        // RFC 3550 A.1: the first packet only starts the source's probation and is not counted.
        assertEquals(44, session.quality().received());
        assertEquals(5, session.quality().lost(), "packets 105, 115, 125, 135 and 145 never came");
        assertTrue(session.quality().jitterMillis() > 5, "sent in a burst, not paced: jitter must show it");
    }
}
