package org.popline.sip.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPMessage;
import java.net.InetAddress;
import java.util.List;

import javax.sip.SipFactory;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;
import org.popline.sip.signalling.TrustedProxies;

class AniExtractorTest {
    private static final AniExtractor TRUSTING_LOOPBACK = new AniExtractor(TrustedProxies.of(List.of("127.0.0.0/8")));
    private static final AniExtractor TRUSTING_NOBODY = new AniExtractor(TrustedProxies.none());

    private static Request invite(String... extraHeaders) throws Exception {
        return from("127.0.0.1", extraHeaders);
    }

    /** An INVITE as if received from {@code source}. */
    private static Request from(String source, String... extraHeaders) throws Exception {
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
        Request r = m.createRequest(sb.toString());
        ((SIPMessage) r).setRemoteAddress(InetAddress.getByName(source));
        return r;
    }

    @Test
    void fromUserPartWithoutVisualSeparators() throws Exception {
        assertEquals("+49301234567", TRUSTING_LOOPBACK.extract(invite()));
    }

    @Test
    void assertedIdentityWinsOnlyFromATrustedProxy() throws Exception {
        Request r = invite("P-Asserted-Identity: <sip:+15551234567@carrier.example>");
        assertEquals("+15551234567", TRUSTING_LOOPBACK.extract(r));
        assertEquals("+49301234567", TRUSTING_NOBODY.extract(r));
        Request outsider = from("192.0.2.7", "P-Asserted-Identity: <sip:+15551234567@carrier.example>");
        assertEquals("+49301234567", TRUSTING_LOOPBACK.extract(outsider));
    }

    @Test
    void trustedProxiesAreAddressesOrNetworks() throws Exception {
        TrustedProxies t = TrustedProxies.of(List.of("192.0.2.10", "10.1.0.0/16", "2001:db8::/32"));
        assertTrue(t.contains(InetAddress.getByName("192.0.2.10")));
        assertFalse(t.contains(InetAddress.getByName("192.0.2.11")));
        assertTrue(t.contains(InetAddress.getByName("10.1.255.3")));
        assertFalse(t.contains(InetAddress.getByName("10.2.0.1")));
        assertTrue(t.contains(InetAddress.getByName("2001:db8::5")));
        assertFalse(t.contains(InetAddress.getByName("2001:db9::5")));
        assertFalse(TrustedProxies.none().contains(InetAddress.getByName("127.0.0.1")));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of("proxy.example.com")));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.of(List.of("10.0.0.0/33")));
    }

    @Test
    void telUriInAssertedIdentityIsPreferred() throws Exception {
        Request r = invite("P-Asserted-Identity: \"Bob\" <sip:bob@carrier.example>, <tel:+1-555-987-6543>");
        assertEquals("+15559876543", TRUSTING_LOOPBACK.extract(r));
    }

    @Test
    void anonymousFromGivesItsUserPart() throws Exception {
        SipFactory f = SipFactory.getInstance();
        Request r = f.createMessageFactory().createRequest("INVITE sip:ivr@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK-2\r\n"
                + "From: \"Anonymous\" <sip:anonymous@anonymous.invalid>;tag=x\r\n"
                + "To: <sip:ivr@127.0.0.1>\r\nCall-ID: c2\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n");
        assertEquals("anonymous", TRUSTING_LOOPBACK.extract(r));
    }
}
