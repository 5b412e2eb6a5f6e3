package org.popline.sip.signalling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.popline.app.config.Overrides;
import org.popline.sip.testkit.Admin;
import org.popline.sip.testkit.RawSip;
import org.popline.sip.testkit.TestServer;

/**
 * P-Asserted-Identity names the caller only when it comes from {@code sip.trusted-proxies}: from
 * anyone else the From header counts, or anyone could call as a customer and hear their case.
 */
class AssertedIdentityTest {
    private static final String SDP = "v=0\r\no=raw 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    private static final String ASSERTED = "+14155550100";
    private static final String FROM = "+4930999";
    private static TestServer popline;

    @BeforeAll
    static void start() throws Exception {
        popline = TestServer.start(new Overrides().set("sip.trusted-proxies", "127.0.0.2"));
    }

    @AfterAll
    static void stop() {
        popline.close();
    }

    /** Calls from the address given and answers the ANI Popline took, as /calls shows it. */
    private static String aniOfCallFrom(String address) throws Exception {
        try (RawSip sip = new RawSip(popline.sipPort, address)) {
            String callId = "pai-" + address + "-" + System.nanoTime();
            sip.send(sip.local("INVITE sip:ivr@127.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP $LOCAL;branch=z9hG4bK-" + callId
                    + "\nMax-Forwards: 70\nFrom: <sip:" + FROM + "@127.0.0.1>;tag=f1\nTo: <sip:ivr@127.0.0.1>\n"
                    + "Call-ID: " + callId + "\nCSeq: 1 INVITE\nContact: <sip:raw@$LOCAL>\n"
                    + "P-Asserted-Identity: <sip:" + ASSERTED + "@proxy.example>\n"
                    + "Content-Type: application/sdp\nContent-Length: " + SDP.length() + "\n\n" + SDP));
            String ok = sip.response(5000);
            assertEquals(200, RawSip.status(ok), ok);
            String ani = null;
            for (JsonNode call : Admin.get(popline, "/calls").path("live")) {
                if (call.path("callId").asText().equals(callId)) {
                    ani = call.path("ani").asText();
                }
            }
            String toTag = RawSip.header(ok, "To").replaceAll(".*;tag=([^;]+).*", "$1");
            sip.send(sip.local("BYE sip:popline@127.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP $LOCAL;branch=z9hG4bK-bye" + callId
                    + "\nMax-Forwards: 70\nFrom: <sip:" + FROM + "@127.0.0.1>;tag=f1\nTo: <sip:ivr@127.0.0.1>;tag="
                    + toTag + "\nCall-ID: " + callId + "\nCSeq: 2 BYE\nContent-Length: 0\n\n"));
            assertEquals(200, RawSip.status(sip.response(5000)));
            return ani;
        }
    }

    @Test
    void ignoredFromAnUntrustedAddress() throws Exception {
        assertEquals(FROM, aniOfCallFrom("127.0.0.1"));
    }

    @Test
    void honouredFromATrustedProxy() throws Exception {
        assertEquals(ASSERTED, aniOfCallFrom("127.0.0.2"));
    }
}
