package org.popline.sip.signalling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.popline.app.config.Overrides;
import org.popline.sip.testkit.Admin;
import org.popline.sip.testkit.RawSip;
import org.popline.sip.testkit.TestServer;

/**
 * Requests within a call count only with the call's Call-ID and both tags (RFC 3261 12.2.2), a CANCEL
 * only for the INVITE's transaction (9.2): the Call-ID alone, which the admin view shows, is not
 * enough to hang up or press keys in someone else's call. A wrong one gets 481 and changes nothing.
 */
class DialogMatchingTest {
    private static final String SDP = "v=0\r\no=raw 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    private static TestServer popline;
    private RawSip phone;
    private RawSip stranger;

    @BeforeAll
    static void start() throws Exception {
        // Ringing for a while leaves time to CANCEL; RTP timeout off the table for calls without media.
        popline = TestServer.start(new Overrides().set("call.answer-after", "1500ms").set("rtp.timeout", "5m"));
    }

    @AfterAll
    static void stop() {
        popline.close();
    }

    @BeforeEach
    void sockets() throws Exception {
        phone = new RawSip(popline.sipPort);
        stranger = new RawSip(popline.sipPort, "127.0.0.2");
    }

    @AfterEach
    void close() {
        phone.close();
        stranger.close();
    }

    private static String request(RawSip from, String method, String callId, String branch, String fromTag,
            String toTag, int cseq, String contentType, String body) {
        return from.local(method + " sip:ivr@127.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP $LOCAL;branch=z9hG4bK-" + branch
                + "\nMax-Forwards: 70\nFrom: <sip:+4930123@127.0.0.1>;tag=" + fromTag + "\nTo: <sip:ivr@127.0.0.1>"
                + (toTag == null ? "" : ";tag=" + toTag) + "\nCall-ID: " + callId + "\nCSeq: " + cseq + " " + method
                + "\nContact: <sip:raw@$LOCAL>\n" + (contentType == null ? "" : "Content-Type: " + contentType + "\n")
                + "Content-Length: " + body.length() + "\n\n" + body);
    }

    private static int liveCalls() throws Exception {
        return Admin.get(popline, "/health").path("liveCalls").asInt();
    }

    /** Sends the request and answers the status of the first final response. */
    private static int answer(RawSip from, String request) throws Exception {
        from.send(request);
        return RawSip.status(from.response(5000));
    }

    @Test
    void byeInfoAndReInviteWithWrongTagsGet481AndTheCallGoesOn() throws Exception {
        String callId = "dialog-" + System.nanoTime();
        phone.send(request(phone, "INVITE", callId, "inv" + callId, "caller", null, 1, "application/sdp", SDP));
        String ok = phone.response(10_000);
        assertEquals(200, RawSip.status(ok), ok);
        String toTag = RawSip.header(ok, "To").replaceAll(".*;tag=([^;]+).*", "$1");
        phone.send(request(phone, "ACK", callId, "ack" + callId, "caller", toTag, 1, null, ""));
        assertEquals(1, liveCalls());

        // Someone who knows the Call-ID (from /calls) but not the dialog's tags.
        assertEquals(481, answer(stranger, request(stranger, "BYE", callId, "b1", "caller", "guess", 2, null, "")));
        assertEquals(481, answer(stranger, request(stranger, "BYE", callId, "b2", "other", toTag, 2, null, "")));
        assertEquals(481, answer(stranger, request(stranger, "BYE", callId, "b3", "caller", null, 2, null, "")));
        assertEquals(481, answer(stranger, request(stranger, "INFO", callId, "i1", "caller", "guess", 3,
                "application/dtmf-relay", "Signal=5\r\nDuration=160\r\n")));
        assertEquals(481, answer(stranger, request(stranger, "INVITE", callId, "r1", "other", toTag, 4,
                "application/sdp", SDP)));
        assertEquals(1, liveCalls(), "the call survives every request with wrong tags");
        assertEquals("", Admin.get(popline, "/calls").path("live").get(0).path("digits").asText(),
                "no key press taken from a request outside the dialog");

        assertEquals(200, answer(phone, request(phone, "INFO", callId, "i2", "caller", toTag, 5,
                "application/dtmf-relay", "Signal=7\r\nDuration=160\r\n")));
        assertEquals(200, answer(phone, request(phone, "BYE", callId, "b4", "caller", toTag, 6, null, "")));
        assertEquals(0, liveCalls());
        assertEquals("7", Admin.lastCallDigits(popline));
        popline.assertIdle();
    }

    @Test
    void cancelCountsOnlyForTheInviteTransaction() throws Exception {
        String callId = "cancel-" + System.nanoTime();
        String branch = "inv" + callId;
        phone.send(request(phone, "INVITE", callId, branch, "caller", null, 1, "application/sdp", SDP));
        List<String> provisional = phone.receive(500);
        assertNotNull(provisional);
        assertEquals(1, liveCalls());

        assertEquals(481, answer(stranger, request(stranger, "CANCEL", callId, "guessed", "caller", null, 1, null, "")));
        assertEquals(481, answer(stranger, request(stranger, "CANCEL", callId, branch, "other", null, 1, null, "")));
        assertEquals(1, liveCalls(), "still ringing");

        phone.send(request(phone, "CANCEL", callId, branch, "caller", null, 1, null, ""));
        String first = phone.response(5000);
        String second = phone.response(5000);
        assertEquals(List.of(200, 487).stream().sorted().toList(),
                List.of(RawSip.status(first), RawSip.status(second)).stream().sorted().toList(), first + second);
        assertEquals(0, liveCalls());
        popline.assertIdle();
    }
}
