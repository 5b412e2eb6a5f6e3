package org.popline.sip.call;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Optional;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.popline.media.dtmf.DtmfDigit;
import org.popline.media.dtmf.SipInfoDtmfParser;
import org.popline.sip.signalling.SipMessages;

/**
 * Key presses in SIP INFO (application/dtmf-relay, application/dtmf), handed to the call like
 * RFC 4733 ones; an INFO without a body (some phones' keep-alive) is simply acknowledged.
 */
final class InfoKeyPresses {
    private InfoKeyPresses() {
    }

    /** Gives the call the INFO's key press, if any, and answers what the INFO gets (200, 400 or 415). */
    static Response take(InboundCall call, Request request, SipMessages messages) {
        byte[] raw = request.getRawContent();
        if (raw == null || raw.length == 0) {
            return messages.response(Response.OK, request);
        }
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        String contentType = type == null ? "" : type.getContentType() + "/" + type.getContentSubType();
        if (!SipInfoDtmfParser.accepts(contentType)) {
            Response r = messages.response(Response.UNSUPPORTED_MEDIA_TYPE, request);
            try {
                r.setHeader(messages.headers().createHeader("Accept",
                        SipInfoDtmfParser.DTMF_RELAY + ", " + SipInfoDtmfParser.DTMF));
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
            return r;
        }
        try {
            Optional<DtmfDigit> digit = SipInfoDtmfParser.parse(contentType, new String(raw, StandardCharsets.UTF_8));
            // The digit is taken before the 200 goes out: the phone sends its next INFO only after the
            // 200, and the stack may hand that one to another thread, so this keeps presses in order.
            digit.ifPresent(call::onDigit);
            return messages.response(Response.OK, request);
        } catch (IllegalArgumentException e) {
            return messages.response(Response.BAD_REQUEST, request, "Bad DTMF: " + e.getMessage());
        }
    }
}
