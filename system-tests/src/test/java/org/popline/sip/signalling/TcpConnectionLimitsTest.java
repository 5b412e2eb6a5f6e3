package org.popline.sip.signalling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.popline.app.config.Overrides;
import org.popline.sip.testkit.RtpCapture;
import org.popline.sip.testkit.Sipp;
import org.popline.sip.testkit.TestServer;

/**
 * SIP over TCP cannot be used up: 500 connections that each send half a request (from ten
 * addresses) leave calls over UDP and TCP working; one address gets at most
 * {@code sip.tcp.max-connections-per-address}; a silent connection is closed after
 * {@code sip.tcp.idle-timeout}.
 */
class TcpConnectionLimitsTest {
    private static final String PARTIAL = "INVITE sip:ivr@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bK-half\r\n"
            + "Max-Forwards: 70\r\nFrom: <sip:slow@127.0.0.1>;tag=h\r\nTo: <sip:ivr@127.0.0.1>\r\nCall-ID: half-";

    private static Socket halfOpen(String from, int port, int n) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.getOutputStream().write((PARTIAL + n).getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    /** True when the server closed the connection within the time given. */
    private static boolean closedByServer(Socket s, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        while (System.nanoTime() < deadline) {
            s.setSoTimeout((int) Math.max(1, Math.min(500, (deadline - System.nanoTime()) / 1_000_000)));
            try {
                if (in.read(buf) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                // Still open: try again until the deadline.
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }

    private static void closeAll(List<Socket> sockets) {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // Closing is all we wanted.
            }
        }
    }

    private static Sipp.Result call(TestServer popline, boolean tcp, RtpCapture rtp) throws Exception {
        Sipp sipp = Sipp.scenario("call.xml").key("rtpport", Integer.toString(rtp.port())).key("pts", "0")
                .pause(Duration.ofSeconds(1));
        return (tcp ? sipp.tcp() : sipp).run(popline.sipPort, Duration.ofSeconds(20));
    }

    @Test
    void fiveHundredHalfOpenConnectionsDoNotStopCalls() throws Exception {
        try (TestServer popline = TestServer.start(new Overrides().set("sip.tcp.idle-timeout", "5m"))) {
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < 500; i++) {
                    sockets.add(halfOpen("127.0.0." + (10 + i % 10), popline.sipPort, i));
                }
                try (RtpCapture udpMedia = new RtpCapture(); RtpCapture tcpMedia = new RtpCapture()) {
                    Sipp.Result overUdp = call(popline, false, udpMedia);
                    assertTrue(overUdp.ok(), overUdp.output());
                    Sipp.Result overTcp = call(popline, true, tcpMedia);
                    assertTrue(overTcp.ok(), overTcp.output());
                    assertTrue(tcpMedia.packets().size() > 20, "the TCP caller heard audio");
                }
                long open = 0;
                for (Socket s : sockets.subList(0, 20)) {
                    open += closedByServer(s, Duration.ofMillis(50)) ? 0 : 1;
                }
                assertEquals(20, open, "the half-open connections were all still open during the calls");
            } finally {
                closeAll(sockets);
            }
        }
    }

    @Test
    void oneAddressGetsItsShareAndSilentConnectionsAreClosed() throws Exception {
        try (TestServer popline = TestServer.start(new Overrides().set("sip.tcp.max-connections-per-address", "5")
                .set("sip.tcp.idle-timeout", "2s"))) {
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    sockets.add(halfOpen("127.0.0.70", popline.sipPort, i));
                }
                Socket sixth = halfOpen("127.0.0.70", popline.sipPort, 6);
                sockets.add(sixth);
                assertTrue(closedByServer(sixth, Duration.ofSeconds(5)), "a sixth connection from one address is refused");
                Socket other = halfOpen("127.0.0.71", popline.sipPort, 7);
                sockets.add(other);
                assertTrue(closedByServer(sockets.get(0), Duration.ofSeconds(15)),
                        "a connection silent for longer than the idle timeout is closed");
                assertTrue(closedByServer(other, Duration.ofSeconds(15)));
            } finally {
                closeAll(sockets);
            }
            try (RtpCapture media = new RtpCapture()) {
                Sipp.Result overTcp = call(popline, true, media);
                assertTrue(overTcp.ok(), overTcp.output());
            }
        }
    }
}
