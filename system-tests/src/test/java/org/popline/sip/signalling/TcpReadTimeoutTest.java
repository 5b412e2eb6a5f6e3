package org.popline.sip.signalling;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.popline.app.config.Overrides;
import org.popline.sip.testkit.RawSip;
import org.popline.sip.testkit.RawTcpSip;
import org.popline.sip.testkit.RtpCapture;
import org.popline.sip.testkit.Sipp;
import org.popline.sip.testkit.TestServer;

/**
 * {@code sip.tcp.read-timeout}: a connection that begins a message and does not finish it is
 * closed after the read timeout, however slowly it keeps sending; a connection resting between
 * whole messages is kept for the (much longer) idle timeout.
 */
class TcpReadTimeoutTest {
    /** Far beyond every wait below: a closure seen in these tests is the read timeout's. */
    private static final String IDLE = "10m";

    private static String half(RawTcpSip c, String callId) {
        String whole = c.options(callId);
        return whole.substring(0, whole.indexOf("CSeq:"));
    }

    @Test
    void aConnectionThatStopsOrTricklesMidMessageIsClosed() throws Exception {
        try (TestServer popline = TestServer.start(new Overrides().set("sip.tcp.idle-timeout", IDLE)
                .set("sip.tcp.read-timeout", "2s"))) {
            long before = TcpReadTimeouts.count();
            try (RawTcpSip headersOnly = RawTcpSip.connect("127.0.0.1", popline.sipPort);
                    RawTcpSip shortBody = RawTcpSip.connect("127.0.0.1", popline.sipPort);
                    RawTcpSip trickle = RawTcpSip.connect("127.0.0.1", popline.sipPort)) {
                headersOnly.send(half(headersOnly, "stall-headers"));
                shortBody.send(shortBody.options("stall-body").replace("Content-Length: 0", "Content-Length: 100")
                        + "only part of the body");
                String slow = trickle.options("trickle");
                boolean closed = false;
                // A byte every 200 ms keeps the connection busy, never idle: only the read timeout ends it.
                for (int i = 0; i < slow.length() - 4 && !closed; i++) {
                    trickle.send(slow.substring(i, i + 1));
                    closed = trickle.closedByServer(Duration.ofMillis(200));
                }
                assertTrue(closed, "a request trickled a byte at a time for " + slow.length() / 5 + " s was cut off");
                assertTrue(headersOnly.closedByServer(Duration.ofSeconds(20)), "headers without their blank line");
                assertTrue(shortBody.closedByServer(Duration.ofSeconds(20)), "a body shorter than its Content-Length");
            }
            assertTrue(TcpReadTimeouts.count() - before >= 3, "the closures are counted");
        }
    }

    @Test
    void aConnectionRestingBetweenMessagesOutlivesTheReadTimeout() throws Exception {
        try (TestServer popline = TestServer.start(new Overrides().set("sip.tcp.idle-timeout", IDLE)
                .set("sip.tcp.read-timeout", "1s"));
                RawTcpSip phone = RawTcpSip.connect("127.0.0.1", popline.sipPort);
                RawTcpSip stalled = RawTcpSip.connect("127.0.0.2", popline.sipPort)) {
            phone.send(phone.options("rest-1"));
            String first = phone.receive(Duration.ofSeconds(10));
            assertNotNull(first, "the first OPTIONS was answered");
            assertTrue(first.startsWith("SIP/2.0 200"), first);
            // The stalled connection, begun after the phone fell silent, being cut off shows that
            // the read timeout has run out (and been enforced) for the phone's silence too.
            stalled.send(half(stalled, "stalled"));
            assertTrue(stalled.closedByServer(Duration.ofSeconds(20)), "the stalled connection was closed");
            assertFalse(phone.closedByServer(Duration.ofMillis(100)), "the resting phone's connection is open");
            phone.send(phone.options("rest-2"));
            String second = phone.receive(Duration.ofSeconds(10));
            assertNotNull(second, "the second OPTIONS on the same connection was answered");
            assertTrue(second.startsWith("SIP/2.0 200"), second);
        }
    }

    @Test
    void twoHundredStalledRequestsDoNotStopCallsAndAreAllClosed() throws Exception {
        try (TestServer popline = TestServer.start(new Overrides().set("sip.tcp.idle-timeout", IDLE)
                .set("sip.tcp.read-timeout", "30s"))) {
            List<RawTcpSip> slow = new ArrayList<>();
            try {
                for (int i = 0; i < 200; i++) {
                    RawTcpSip c = RawTcpSip.connect("127.0.0." + (20 + i % 10), popline.sipPort);
                    slow.add(c);
                    c.send(half(c, "slow-" + i));
                }
                try (RawTcpSip tcp = RawTcpSip.connect("127.0.0.3", popline.sipPort);
                        RawSip udp = new RawSip(popline.sipPort, "127.0.0.4")) {
                    tcp.send(tcp.options("served-tcp"));
                    String overTcp = tcp.receive(Duration.ofSeconds(10));
                    assertTrue(overTcp != null && overTcp.startsWith("SIP/2.0 200"), "OPTIONS over TCP: " + overTcp);
                    udp.send(udp.local("OPTIONS sip:ivr@127.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP $LOCAL;branch=z9hG4bK-served-udp\n"
                            + "Max-Forwards: 70\nFrom: <sip:raw@127.0.0.1>;tag=u\nTo: <sip:ivr@127.0.0.1>\n"
                            + "Call-ID: served-udp\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n"));
                    String overUdp = udp.response(10_000);
                    assertTrue(overUdp != null && overUdp.startsWith("SIP/2.0 200"), "OPTIONS over UDP: " + overUdp);
                }
                try (RtpCapture media = new RtpCapture()) {
                    Sipp.Result call = Sipp.scenario("call.xml").key("rtpport", Integer.toString(media.port())).key("pts", "0")
                            .pause(Duration.ofSeconds(1)).tcp().run(popline.sipPort, Duration.ofSeconds(20));
                    assertTrue(call.ok(), call.output());
                    assertTrue(media.packets().size() > 20, "the TCP caller heard audio");
                }
                assertFalse(slow.get(199).closedByServer(Duration.ofMillis(50)),
                        "the stalled connections were still there during the calls");
                for (RawTcpSip c : slow) {
                    assertTrue(c.closedByServer(Duration.ofSeconds(60)), "every stalled connection is closed in the end");
                }
            } finally {
                slow.forEach(RawTcpSip::close);
            }
        }
    }
}
