package org.popline.sip.call;

import java.util.function.BiPredicate;
import javax.sip.RequestEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.popline.sip.signalling.Responder;
import org.popline.sip.signalling.SipMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the call a request within a dialog (BYE, INFO, re-INVITE) or a CANCEL belongs to, by the
 * rules of {@link DialogMatch}, and answers 481 for one that belongs to none. The call found is
 * entered in the log context.
 */
final class DialogRequests {
    private static final Logger log = LoggerFactory.getLogger(DialogRequests.class);

    private final LiveCalls calls;
    private final Responder responder;
    private final SipMessages messages;

    DialogRequests(LiveCalls calls, Responder responder, SipMessages messages) {
        this.calls = calls;
        this.responder = responder;
        this.messages = messages;
    }

    /** The call by Call-ID and both tags, or null after answering 481 (RFC 3261 12.2.2). */
    InboundCall inDialog(RequestEvent event) {
        return matching(event, DialogMatch::inDialog);
    }

    /** The call whose INVITE transaction a CANCEL names, or null after answering 481 (RFC 3261 9.2). */
    InboundCall cancelled(RequestEvent event) {
        return matching(event, DialogMatch::cancels);
    }

    /** The call an ACK confirms, or null (an ACK is never answered). */
    InboundCall acknowledged(Request ack) {
        InboundCall call = calls.get(CallManager.callIdOf(ack)).orElse(null);
        if (call == null) {
            return null;
        }
        CallLog.enter(call.callId(), call.ani());
        if (!DialogMatch.inDialog(call, ack)) {
            log.info("ACK with tags of no dialog of this call ignored");
            return null;
        }
        return call;
    }

    private InboundCall matching(RequestEvent event, BiPredicate<InboundCall, Request> belongs) {
        Request request = event.getRequest();
        InboundCall call = calls.get(CallManager.callIdOf(request)).orElse(null);
        if (call != null) {
            CallLog.enter(call.callId(), call.ani());
        }
        if (call == null || !belongs.test(call, request)) {
            if (call != null) {
                log.info("{} with the call's Call-ID but not its dialog or transaction refused with 481",
                        request.getMethod());
            }
            responder.respond(event, messages.response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request));
            return null;
        }
        return call;
    }
}
