package org.popline.sip.call;

import java.util.Objects;
import javax.sip.header.CSeqHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/**
 * Whether a request belongs to a call: a request within the dialog carries the Call-ID and both
 * tags (RFC 3261 12.2.2), a CANCEL names the INVITE's transaction (9.2: top Via branch, From tag
 * and CSeq number). A Call-ID alone is no proof: it is no secret (the admin view shows it).
 */
final class DialogMatch {
    private DialogMatch() {
    }

    /** True when the request carries our tag as To tag and the caller's INVITE From tag. */
    static boolean inDialog(InboundCall call, Request request) {
        return Objects.equals(toTag(request), call.toTag())
                && Objects.equals(fromTag(request), fromTag(call.invite().getRequest()));
    }

    /** True when the CANCEL is for the call's INVITE transaction. */
    static boolean cancels(InboundCall call, Request cancel) {
        Request invite = call.invite().getRequest();
        return toTag(cancel) == null
                && Objects.equals(fromTag(cancel), fromTag(invite))
                && Objects.equals(branch(cancel), branch(invite))
                && cseq(cancel) == cseq(invite);
    }

    private static String toTag(Request r) {
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        return to == null ? null : to.getTag();
    }

    private static String fromTag(Request r) {
        FromHeader from = (FromHeader) r.getHeader(FromHeader.NAME);
        return from == null ? null : from.getTag();
    }

    private static String branch(Request r) {
        ViaHeader via = (ViaHeader) r.getHeader(ViaHeader.NAME);
        return via == null ? null : via.getBranch();
    }

    private static long cseq(Request r) {
        CSeqHeader cseq = (CSeqHeader) r.getHeader(CSeqHeader.NAME);
        return cseq == null ? -1 : cseq.getSeqNumber();
    }
}
