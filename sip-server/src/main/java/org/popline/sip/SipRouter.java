package org.popline.sip;

import java.text.ParseException;
import java.util.ListIterator;
import java.util.Set;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.header.RequireHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.popline.sip.agent.SipAgentDialer;
import org.popline.sip.call.CallLog;
import org.popline.sip.call.CallManager;
import org.popline.sip.registrar.Registrar;
import org.popline.sip.signalling.Responder;
import org.popline.sip.signalling.Rfc2543Requests;
import org.popline.sip.signalling.SipMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each SIP request to what handles its method (calls, the registrar for REGISTER, requests
 * and responses of agent legs to the agent dialer); answers OPTIONS and unknown methods itself.
 * Nothing thrown by a handler may reach the stack: one bad request must not stop the server.
 */
public final class SipRouter implements SipListener {
    private static final Logger log = LoggerFactory.getLogger(SipRouter.class);

    private final CallManager calls;
    private final Registrar registrar;
    private final SipAgentDialer agents;
    private final SipMessages messages;
    private final Responder responder;
    private final Rfc2543Requests rfc2543;

    private static final Set<String> KNOWN_METHODS = Set.of("UPDATE", "PRACK", "SUBSCRIBE",
            "NOTIFY", "REFER", "MESSAGE", "PUBLISH");
    private static final Set<String> URI_SCHEMES = Set.of("sip", "sips", "tel");

    public SipRouter(CallManager calls, Registrar registrar, SipAgentDialer agents, SipMessages messages,
            Responder responder) {
        this.calls = calls;
        this.registrar = registrar;
        this.agents = agents;
        this.messages = messages;
        this.responder = responder;
        this.rfc2543 = new Rfc2543Requests(messages.headers());
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        CallLog.enter(CallManager.callIdOf(request), null);
        try {
            rfc2543.complete(request);
            Response refusal = checkRequestLine(request);
            if (refusal == null) {
                refusal = checkRequire(request);
            }
            if (refusal != null) {
                if (!Request.ACK.equals(request.getMethod())) {
                    log.info("{} refused with {} {}", request.getMethod(), refusal.getStatusCode(), refusal.getReasonPhrase());
                    responder.respond(event, refusal);
                }
                return;
            }
            if (agents.onRequest(event)) {
                return;
            }
            switch (request.getMethod()) {
                case Request.INVITE -> calls.onInvite(event);
                case Request.ACK -> calls.onAck(event);
                case Request.BYE -> calls.onBye(event);
                case Request.CANCEL -> calls.onCancel(event);
                case Request.INFO -> calls.onInfo(event);
                case Request.REGISTER -> registrar.onRegister(event);
                case Request.OPTIONS -> responder.respond(event, messages.response(Response.OK, request));
                default -> {
                    // 405 for methods SIP defines that we do not serve, 501 for methods we do not know (RFC 3261 8.2.1).
                    int status = KNOWN_METHODS.contains(request.getMethod())
                            ? Response.METHOD_NOT_ALLOWED : Response.NOT_IMPLEMENTED;
                    log.info("{} refused with {}", request.getMethod(), status);
                    responder.respond(event, messages.response(status, request));
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

    /** RFC 3261 8.2.2.1 and 8.1.1.5: a Request-URI scheme we cannot serve, or a CSeq for another method. */
    private Response checkRequestLine(Request request) {
        String scheme = request.getRequestURI().getScheme().toLowerCase();
        if (!URI_SCHEMES.contains(scheme)) {
            return messages.response(Response.UNSUPPORTED_URI_SCHEME, request);
        }
        CSeqHeader cseq = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
        if (cseq != null && !cseq.getMethod().equals(request.getMethod())) {
            return messages.response(Response.BAD_REQUEST, request, "CSeq method does not match the request");
        }
        return null;
    }

    /**
     * RFC 3261 8.2.2.3: we support no extension, so any Require of a method we serve is answered 420
     * listing its option tags. CANCEL and ACK are exempt: there Require must be ignored.
     */
    private Response checkRequire(Request request) {
        String method = request.getMethod();
        if (!SipMessages.ALLOWED_METHODS.contains(method) || method.equals(Request.CANCEL) || method.equals(Request.ACK)) {
            return null;
        }
        ListIterator<?> require = request.getHeaders(RequireHeader.NAME);
        if (require == null || !require.hasNext()) {
            return null;
        }
        Response r = messages.response(Response.BAD_EXTENSION, request);
        while (require.hasNext()) {
            String tag = ((RequireHeader) require.next()).getOptionTag();
            try {
                r.addHeader(messages.headers().createUnsupportedHeader(tag));
            } catch (ParseException e) {
                log.debug("bad option tag in Require: {}", e.getMessage());
            }
        }
        return r;
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response r = event.getResponse();
        CallLog.enter(CallManager.callIdOf(r), null);
        try {
            if (agents.onResponse(event)) {
                return;
            }
        } catch (RuntimeException e) {
            log.error("response {} failed", r.getStatusCode(), e);
            return;
        } finally {
            CallLog.leave();
        }
        log.debug("response {} to our {}", r.getStatusCode(),
                event.getClientTransaction() == null ? "request" : event.getClientTransaction().getRequest().getMethod());
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (agents.onTimeout(event)) {
            return;
        }
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
