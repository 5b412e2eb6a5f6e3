package org.popline.sip.signalling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.popline.app.config.Overrides;
import org.popline.sip.testkit.RawTcpSip;
import org.popline.sip.testkit.RtpCapture;
import org.popline.sip.testkit.Sipp;
import org.popline.sip.testkit.TestServer;

/**
 * SIP over TCP cannot be used up: 500 connections that each send half a request (from ten
 * addresses) leave calls over UDP and TCP working; one address gets at most
 * {@code sip.tcp.max-connections-per-address}; a silent connection is closed after
 * {@code sip.tcp.idle-timeout}. (Half requests closed after {@code sip.tcp.read-timeout}:
 * {@link TcpReadTimeoutTest}.)
 */
class TcpConnectionLimitsTest {
    private static final String PARTIAL = "INVITE sip:ivr@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bK-half\r\n"
            + "Max-Forwards: 70\r\nFrom: <sip:slow@127.0.0.1>;tag=h\r\nTo: <sip:ivr@127.0.0.1>\r\nCall-ID: half-";

    private static RawTcpSip halfOpen(String from, int port, int n) throws IOException {
        RawTcpSip c = RawTcpSip.connect(from, port);
        c.send(PARTIAL + n);
        return c;
    }

    private static Sipp.Result call(TestServer popline, boolean tcp, RtpCapture rtp) throws Exception {
        Sipp sipp = Sipp.scenario("call.xml").key("rtpport", Integer.toString(rtp.port())).key("pts", "0")
                .pause(Duration.ofSeconds(1));
        return (tcp ? sipp.tcp() : sipp).run(popline.sipPort, Duration.ofSeconds(20));
    }

    @Test
    void fiveHundredHalfOpenConnectionsDoNotStopCalls() throws Exception {
        // Both timeouts long, so that all 500 connections are held while the calls are made.
        try (TestServer popline = TestServer.start(new Overrides().set("sip.tcp.idle-timeout", "5m")
                .set("sip.tcp.read-timeout", "4m"))) {
            List<RawTcpSip> connections = new ArrayList<>();
            try {
                for (int i = 0; i < 500; i++) {
                    connections.add(halfOpen("127.0.0." + (10 + i % 10), popline.sipPort, i));
                }
                try (RtpCapture udpMedia = new RtpCapture(); RtpCapture tcpMedia = new RtpCapture()) {
                    Sipp.Result overUdp = call(popline, false, udpMedia);
                    assertTrue(overUdp.ok(), overUdp.output());
                    Sipp.Result overTcp = call(popline, true, tcpMedia);
                    assertTrue(overTcp.ok(), overTcp.output());
                    assertTrue(tcpMedia.packets().size() > 20, "the TCP caller heard audio");
                }
                long open = 0;
                for (RawTcpSip c : connections.subList(0, 20)) {
                    open += c.closedByServer(Duration.ofMillis(50)) ? 0 : 1;
                }
                assertEquals(20, open, "the half-open connections were all still open during the calls");
            } finally {
                connections.forEach(RawTcpSip::close);
            }
        }
    }

    @Test
    void oneAddressGetsItsShareAndSilentConnectionsAreClosed() throws Exception {
        try (TestServer popline = TestServer.start(new Overrides().set("sip.tcp.max-connections-per-address", "5")
                .set("sip.tcp.idle-timeout", "2s").set("sip.tcp.read-timeout", "1s"))) {
            List<RawTcpSip> connections = new ArrayList<>();
            try {
                // Silent ones: between messages, so only the idle timeout applies to them.
                for (int i = 0; i < 5; i++) {
                    connections.add(RawTcpSip.connect("127.0.0.70", popline.sipPort));
                }
                RawTcpSip sixth = RawTcpSip.connect("127.0.0.70", popline.sipPort);
                connections.add(sixth);
                assertTrue(sixth.closedByServer(Duration.ofSeconds(5)), "a sixth connection from one address is refused");
                RawTcpSip other = RawTcpSip.connect("127.0.0.71", popline.sipPort);
                connections.add(other);
                assertTrue(connections.get(0).closedByServer(Duration.ofSeconds(15)),
                        "a connection silent for longer than the idle timeout is closed");
                assertTrue(other.closedByServer(Duration.ofSeconds(15)));
            } finally {
                connections.forEach(RawTcpSip::close);
            }
            try (RtpCapture media = new RtpCapture()) {
                Sipp.Result overTcp = call(popline, true, media);
                assertTrue(overTcp.ok(), overTcp.output());
            }
        }
    }
}
