package org.popline.sip;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.popline.sip.call.CallLog;
import org.popline.sip.call.CallManager;
import org.popline.sip.signalling.Responder;
import org.popline.sip.signalling.SipMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each SIP request to what handles its method; answers OPTIONS and unknown methods itself.
 * Nothing thrown by a handler may reach the stack: one bad request must not stop the server.
 */
final class SipRouter implements SipListener {
    private static final Logger log = LoggerFactory.getLogger(SipRouter.class);

    private final CallManager calls;
    private final SipMessages messages;
    private final Responder responder;

    SipRouter(CallManager calls, SipMessages messages, Responder responder) {
        this.calls = calls;
        this.messages = messages;
        this.responder = responder;
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        CallLog.enter(CallManager.callIdOf(request), null);
        try {
            switch (request.getMethod()) {
                case Request.INVITE -> calls.onInvite(event);
                case Request.ACK -> calls.onAck(event);
                case Request.BYE -> calls.onBye(event);
                case Request.CANCEL -> calls.onCancel(event);
                case Request.OPTIONS -> responder.respond(event, messages.response(Response.OK, request));
                default -> {
                    log.info("{} refused with 405", request.getMethod());
                    responder.respond(event, messages.response(Response.METHOD_NOT_ALLOWED, request));
                }
            }
        } catch (RuntimeException e) {
            log.error("{} failed", request.getMethod(), e);
            if (!Request.ACK.equals(request.getMethod())) {
                responder.respond(event, messages.response(Response.SERVER_INTERNAL_ERROR, request));
            }
        } finally {
            CallLog.leave();
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response r = event.getResponse();
        log.debug("response {} to our {}", r.getStatusCode(),
                event.getClientTransaction() == null ? "request" : event.getClientTransaction().getRequest().getMethod());
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (event.getClientTransaction() != null) {
            log.info("no response to our {}", event.getClientTransaction().getRequest().getMethod());
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        log.info("transport error towards {}:{}/{}", event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }
}
