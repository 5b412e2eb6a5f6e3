package org.popline.sip.registrar;

import java.text.ParseException;
import javax.sip.PeerUnavailableException;
import javax.sip.SipFactory;
import javax.sip.address.AddressFactory;
import javax.sip.address.URI;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;

/** JAIN-SIP objects made from text, for tests of the registrar's parts without a network. */
final class SipText {
    static final AddressFactory ADDRESSES;
    private static final MessageFactory MESSAGES;

    static {
        try {
            SipFactory f = SipFactory.getInstance();
            f.setPathName("gov.nist");
            ADDRESSES = f.createAddressFactory();
            MESSAGES = f.createMessageFactory();
        } catch (PeerUnavailableException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private SipText() {
    }

    static URI uri(String text) {
        try {
            return ADDRESSES.createURI(text);
        } catch (ParseException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** A REGISTER for {@code user} to sip:127.0.0.1:5060 with these extra header lines. */
    static Request register(String user, long cseq, String... headerLines) {
        StringBuilder text = new StringBuilder("REGISTER sip:127.0.0.1:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5099;branch=z9hG4bK-" + cseq + "\r\n"
                + "From: <sip:" + user + "@127.0.0.1>;tag=t1\r\nTo: <sip:" + user + "@127.0.0.1>\r\n"
                + "Call-ID: unit-1\r\nCSeq: " + cseq + " REGISTER\r\nMax-Forwards: 70\r\n");
        for (String line : headerLines) {
            text.append(line).append("\r\n");
        }
        text.append("Content-Length: 0\r\n\r\n");
        try {
            return MESSAGES.createRequest(text.toString());
        } catch (ParseException e) {
            throw new IllegalArgumentException(text.toString(), e);
        }
    }
}
