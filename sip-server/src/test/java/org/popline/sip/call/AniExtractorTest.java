package org.popline.sip.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javax.sip.SipFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

class AniExtractorTest {
    private static Request invite(String... extraHeaders) throws Exception {
        SipFactory f = SipFactory.getInstance();
        f.setPathName("gov.nist");
        MessageFactory m = f.createMessageFactory();
        StringBuilder sb = new StringBuilder()
                .append("INVITE sip:ivr@127.0.0.1 SIP/2.0\r\n")
                .append("Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK-1\r\n")
                .append("From: \"Alice\" <sip:+49-30-1234567@example.com>;tag=a\r\n")
                .append("To: <sip:ivr@127.0.0.1>\r\n")
                .append("Call-ID: c1\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n");
        for (String h : extraHeaders) {
            sb.append(h).append("\r\n");
        }
        sb.append("Content-Length: 0\r\n\r\n");
        return m.createRequest(sb.toString());
    }

    @Test
    void fromUserPartWithoutVisualSeparators() throws Exception {
        assertEquals("+49301234567", new AniExtractor(true).extract(invite()));
    }

    @Test
    void assertedIdentityWinsWhenTrusted() throws Exception {
        Request r = invite("P-Asserted-Identity: <sip:+15551234567@carrier.example>");
        assertEquals("+15551234567", new AniExtractor(true).extract(r));
        assertEquals("+49301234567", new AniExtractor(false).extract(r));
    }

    @Test
    void telUriInAssertedIdentityIsPreferred() throws Exception {
        Request r = invite("P-Asserted-Identity: \"Bob\" <sip:bob@carrier.example>, <tel:+1-555-987-6543>");
        assertEquals("+15559876543", new AniExtractor(true).extract(r));
    }

    @Test
    void anonymousFromGivesItsUserPart() throws Exception {
        SipFactory f = SipFactory.getInstance();
        Request r = f.createMessageFactory().createRequest("INVITE sip:ivr@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK-2\r\n"
                + "From: \"Anonymous\" <sip:anonymous@anonymous.invalid>;tag=x\r\n"
                + "To: <sip:ivr@127.0.0.1>\r\nCall-ID: c2\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n");
        assertEquals("anonymous", new AniExtractor(true).extract(r));
    }
}
