package org.popline.sip.call;

import java.text.ParseException;
import java.util.ListIterator;
import javax.sip.header.AcceptHeader;
import javax.sip.header.ContentEncodingHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.popline.sip.signalling.SipMessages;

/** The checks of an (re-)INVITE that need no media: Accept, Content-Type and Content-Encoding (RFC 3261 8.2.3). */
final class InviteBodyCheck {
    private InviteBodyCheck() {
    }

    /** The 406 or 415 the request gets, or null when its body and Accept suit an SDP answer. */
    static Response refusal(Request request, SipMessages messages) {
        if (!acceptsSdp(request)) {
            return messages.response(Response.NOT_ACCEPTABLE, request, "Our answer is SDP");
        }
        if (request.getRawContent() != null && request.getRawContent().length > 0) {
            ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
            ContentEncodingHeader encoding = (ContentEncodingHeader) request.getHeader(ContentEncodingHeader.NAME);
            boolean sdp = type != null && SipMessages.SDP_TYPE.equalsIgnoreCase(type.getContentType())
                    && SipMessages.SDP_SUBTYPE.equalsIgnoreCase(type.getContentSubType());
            boolean identity = encoding == null || "identity".equalsIgnoreCase(encoding.getEncoding());
            if (!sdp || !identity) {
                Response r = messages.response(Response.UNSUPPORTED_MEDIA_TYPE, request);
                try {
                    r.setHeader(messages.headers().createAcceptHeader(SipMessages.SDP_TYPE, SipMessages.SDP_SUBTYPE));
                    r.setHeader(messages.headers().createAcceptEncodingHeader("identity"));
                } catch (ParseException e) {
                    throw new IllegalStateException(e);
                }
                return r;
            }
        }
        return null;
    }

    /** False when the caller's Accept rules out the SDP that our answer must carry (RFC 3261 21.4.7). */
    private static boolean acceptsSdp(Request request) {
        ListIterator<?> accepts = request.getHeaders(AcceptHeader.NAME);
        if (accepts == null || !accepts.hasNext()) {
            return true;
        }
        while (accepts.hasNext()) {
            AcceptHeader a = (AcceptHeader) accepts.next();
            String type = a.getContentType() == null ? "" : a.getContentType();
            String sub = a.getContentSubType() == null ? "" : a.getContentSubType();
            if ((type.equals("*") || type.equalsIgnoreCase(SipMessages.SDP_TYPE))
                    && (sub.equals("*") || sub.equalsIgnoreCase(SipMessages.SDP_SUBTYPE))) {
                return true;
            }
        }
        return false;
    }
}
