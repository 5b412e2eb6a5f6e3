package org.popline.sip.registrar;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPMessage;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.UserAgentHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.popline.sip.signalling.SourceAddress;

/**
 * What a REGISTER asks for (RFC 3261 10.2), read and checked before anything is changed.
 *
 * @param user          the user part of the address-of-record (the To URI)
 * @param wildcard      {@code Contact: *}: remove every binding
 * @param contacts      the contacts to add, refresh or remove; empty for a query
 * @param expires       the Expires header, for contacts without their own expires parameter
 * @param transport     the transport the request came over (top Via), lower case
 * @param source        where the request came from (the phone, or its NAT)
 * @param userAgent     the User-Agent header, if any
 * @param path          the Path header values in order (RFC 3327): the proxies that reach the phone; empty when direct
 */
record RegisterRequest(String user, boolean wildcard, List<RequestedContact> contacts, OptionalInt expires,
        String callId, long cseq, String transport, InetSocketAddress source, String userAgent, List<String> path) {

    /** Header names, long and compact, whose values decide what a REGISTER does. */
    private static final Map<String, String> CHECKED_HEADERS = Map.of("contact", "Contact", "m", "Contact",
            "expires", "Expires", "authorization", "Authorization");

    /** One Contact of the request. */
    record RequestedContact(URI uri, OptionalInt expires) {
    }

    /** The request cannot be a registration; answered 400 with the message as reason. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message);
        }
    }

    /**
     * The stack sets a header it cannot parse aside instead of refusing the request. Set aside, a
     * broken Contact would turn a registration into a query, and a broken Authorization into none.
     */
    private static void rejectUnreadable(SIPMessage request) throws Invalid {
        ListIterator<String> unparsed = request.getUnrecognizedHeaders();
        while (unparsed != null && unparsed.hasNext()) {
            String line = unparsed.next();
            int colon = line.indexOf(':');
            String name = (colon < 0 ? line : line.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
            String header = CHECKED_HEADERS.get(name);
            if (header != null) {
                throw new Invalid("unreadable " + header + " header");
            }
        }
    }

    static RegisterRequest of(Request request) throws Invalid {
        rejectUnreadable((SIPMessage) request);
        URI to = ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI();
        if (!(to instanceof SipURI aor) || aor.getUser() == null || aor.getUser().isEmpty()) {
            throw new Invalid("To is not a SIP address-of-record");
        }
        OptionalInt expires = OptionalInt.empty();
        ExpiresHeader expiresHeader = (ExpiresHeader) request.getHeader(ExpiresHeader.NAME);
        if (expiresHeader != null) {
            expires = OptionalInt.of(expiresHeader.getExpires());
        }
        boolean wildcard = false;
        List<RequestedContact> contacts = new ArrayList<>();
        ListIterator<?> headers = request.getHeaders(ContactHeader.NAME);
        while (headers != null && headers.hasNext()) {
            ContactHeader c = (ContactHeader) headers.next();
            if (c.isWildCard() || "*".equals(c.getAddress().toString().trim())) {
                wildcard = true;
                continue;
            }
            URI uri = c.getAddress().getURI();
            if (!uri.isSipURI()) {
                throw new Invalid("only sip: and sips: contacts can be registered");
            }
            int e = c.getExpires();
            contacts.add(new RequestedContact(uri, e < 0 ? OptionalInt.empty() : OptionalInt.of(e)));
        }
        // RFC 3261 10.3 step 6: "*" stands alone and only with Expires: 0.
        if (wildcard && (!contacts.isEmpty() || expires.isEmpty() || expires.getAsInt() != 0)) {
            throw new Invalid("Contact: * needs Expires: 0 and no other Contact");
        }
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        SIPMessage m = (SIPMessage) request;
        int port = m.getPeerPacketSourcePort() > 0 ? m.getPeerPacketSourcePort() : m.getRemotePort();
        UserAgentHeader ua = (UserAgentHeader) request.getHeader(UserAgentHeader.NAME);
        List<String> path = new ArrayList<>();
        for (ListIterator<?> it = request.getHeaders("Path"); it.hasNext(); ) {
            path.add(((SIPHeader) it.next()).getHeaderValue().trim());
        }
        return new RegisterRequest(aor.getUser(), wildcard, List.copyOf(contacts), expires,
                ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId(),
                ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber(),
                via.getTransport().toLowerCase(Locale.ROOT), new InetSocketAddress(SourceAddress.of(request), port),
                ua == null ? null : ((SIPHeader) ua).getHeaderValue().trim(), List.copyOf(path));
    }
}
