package org.popline.sip.signalling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.popline.sip.testkit.RawSip;
import org.popline.sip.testkit.RtpCapture;
import org.popline.sip.testkit.Sipp;
import org.popline.sip.testkit.TestServer;

/** Hostile and broken input gets the right answer (or none, where the RFC says so) and harms nothing. */
class BadInputTest {
    private static TestServer popline;
    private RawSip sip;

    @BeforeAll
    static void start() throws Exception {
        popline = TestServer.start();
    }

    @AfterAll
    static void stop() {
        popline.close();
    }

    @AfterEach
    void closeSocket() {
        if (sip != null) {
            sip.close();
        }
    }

    private RawSip sip() throws Exception {
        sip = new RawSip(popline.sipPort);
        return sip;
    }

    private static String request(String method, String callId, String toTag, String extra, String contentType,
            String body) {
        return "%s sip:ivr@127.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP $LOCAL;branch=z9hG4bK-%s\nMax-Forwards: 70\n"
                .formatted(method, Long.toHexString(new Random().nextLong()))
                + "From: <sip:+4930123@127.0.0.1>;tag=raw1\nTo: <sip:ivr@127.0.0.1>" + (toTag == null ? "" : ";tag=" + toTag)
                + "\nCall-ID: " + callId + "\nCSeq: 1 " + method + "\nContact: <sip:raw@$LOCAL>\n" + extra
                + (contentType == null ? "" : "Content-Type: " + contentType + "\n")
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\n\n" + body;
    }

    private static final String SDP = "v=0\r\no=raw 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 9 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    @Test
    void optionsAdvertisesWhatWeDo() throws Exception {
        RawSip s = sip();
        s.send(s.local(request("OPTIONS", "opt-1", null, "Accept: application/sdp\n", null, "")));
        String r = s.response(3000);
        assertEquals(200, RawSip.status(r), r);
        assertEquals("INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, REGISTER", RawSip.header(r, "Allow"));
        assertEquals("application/sdp", RawSip.header(r, "Accept"));
        assertNotNull(RawSip.header(r, "Supported"), r);
    }

    @Test
    void otherMethodsGet405WithAllow() throws Exception {
        RawSip s = sip();
        s.send(s.local(request("MESSAGE", "msg-1", null, "", "text/plain", "hello")));
        String r = s.response(3000);
        assertEquals(405, RawSip.status(r), r);
        assertEquals("INVITE, ACK, BYE, CANCEL, OPTIONS, INFO, REGISTER", RawSip.header(r, "Allow"));
    }

    @Test
    void requestsForUnknownDialogsGet481() throws Exception {
        RawSip s = sip();
        s.send(s.local(request("BYE", "nobody-knows", "t9", "", null, "")));
        assertEquals(481, RawSip.status(s.response(3000)));
        s.send(s.local(request("INVITE", "nobody-knows-2", "t9", "", "application/sdp", SDP)));
        assertEquals(481, RawSip.status(s.response(3000)));
        s.send(s.local(request("CANCEL", "nobody-knows-3", null, "", null, "")));
        assertEquals(481, RawSip.status(s.response(3000)));
    }

    @Test
    void brokenSdpGets400AndNoPortIsKept() throws Exception {
        RawSip s = sip();
        s.send(s.local(request("INVITE", "bad-sdp", null, "", "application/sdp", "v=0\r\nthis is not SDP\r\n")));
        String r = s.response(3000);
        assertEquals(400, RawSip.status(r), r);
        assertTrue(r.contains("Bad SDP"), r);
        assertEquals(0, popline.server.openRtpPorts());
    }

    @Test
    void otherBodyTypesGet415WithAccept() throws Exception {
        RawSip s = sip();
        s.send(s.local(request("INVITE", "bad-type", null, "", "text/plain", "hello")));
        String r = s.response(3000);
        assertEquals(415, RawSip.status(r), r);
        assertEquals("application/sdp", RawSip.header(r, "Accept"));
    }

    @Test
    void unknownRequiredExtensionGets420() throws Exception {
        RawSip s = sip();
        s.send(s.local(request("INVITE", "req-ext", null, "Require: nothingwesupport\n", "application/sdp", SDP)));
        String r = s.response(3000);
        assertEquals(420, RawSip.status(r), r);
        assertEquals("nothingwesupport", RawSip.header(r, "Unsupported"));
    }

    @Test
    void garbageAndTruncatedMessagesDoNotStopTheServer() throws Exception {
        RawSip s = sip();
        Random random = new Random(4475);
        for (int i = 0; i < 50; i++) {
            byte[] junk = new byte[1 + random.nextInt(1400)];
            random.nextBytes(junk);
            s.send(junk);
        }
        s.send("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        s.send(new byte[60000]);
        String invite = s.local(request("INVITE", "truncated", null, "", "application/sdp", SDP));
        s.send(invite.substring(0, invite.indexOf("Call-ID")));
        s.send(invite.substring(0, invite.length() - 40));
        for (String r : s.receive(1000)) {
            assertTrue(RawSip.status(r) == 400, "a broken message may only get 400: " + r);
        }
        s.send(s.local(request("OPTIONS", "after-garbage", null, "", null, "")));
        assertEquals(200, RawSip.status(s.response(3000)), "still serving after garbage");
    }

    @Test
    void aCallRightAfterBadInputStillWorks() throws Exception {
        garbageAndTruncatedMessagesDoNotStopTheServer();
        try (RtpCapture rtp = new RtpCapture()) {
            Sipp.Result ok = Sipp.scenario("call.xml").key("rtpport", Integer.toString(rtp.port())).key("pts", "0")
                    .pause(Duration.ofSeconds(1)).run(popline.sipPort, Duration.ofSeconds(15));
            assertTrue(ok.ok(), ok.output());
            assertTrue(rtp.packets().size() > 20);
        }
    }
}
