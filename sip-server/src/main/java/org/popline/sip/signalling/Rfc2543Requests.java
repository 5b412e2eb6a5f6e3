package org.popline.sip.signalling;

import javax.sip.InvalidArgumentException;
import javax.sip.address.Address;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;

/**
 * Fills in what RFC 3261 made mandatory in a request from an RFC 2543 element, which an RFC 3261
 * element should still accept (RFC 4475 3.4.1): the RI refuses a server transaction without
 * Max-Forwards, and for a dialog-creating request without Contact.
 */
public final class Rfc2543Requests {
    /** RFC 3261 8.1.1.6's recommended initial value; we never forward, so it only has to be there. */
    private static final int MAX_FORWARDS = 70;

    private final HeaderFactory headers;

    public Rfc2543Requests(HeaderFactory headers) {
        this.headers = headers;
    }

    public void complete(Request request) {
        try {
            if (request.getHeader(MaxForwardsHeader.NAME) == null) {
                request.setHeader(headers.createMaxForwardsHeader(MAX_FORWARDS));
            }
            ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
            FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
            if (request.getMethod().equals(Request.INVITE) && request.getHeader(ContactHeader.NAME) == null
                    && to != null && to.getTag() == null && from != null) {
                // Without Contact an RFC 2543 caller is reached at its From address.
                request.setHeader(headers.createContactHeader((Address) from.getAddress().clone()));
            }
        } catch (InvalidArgumentException e) {
            throw new IllegalStateException(e);
        }
    }
}
