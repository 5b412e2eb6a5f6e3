package org.popline.sip.signalling;

import java.util.concurrent.TimeUnit;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionUnavailableException;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends responses through a server transaction, so that the stack absorbs retransmitted
 * requests and resends our last response as RFC 3261 (section 17.2) requires. Not final: tests
 * make a sending step fail, to check that whoever took resources for a call gives them back.
 */
public class Responder {
    private static final Logger log = LoggerFactory.getLogger(Responder.class);
    /** A peer that went away makes every response to it fail alike: one line per kind and minute. */
    private static final LogThrottle FAILURES = new LogThrottle(TimeUnit.MINUTES.toNanos(1), 1000, System::nanoTime);

    private final SipProvider provider;

    public Responder(SipProvider provider) {
        this.provider = provider;
    }

    /** The request's server transaction, or null when the request is a retransmission already handled. */
    public ServerTransaction transaction(RequestEvent event) throws SipException {
        ServerTransaction st = event.getServerTransaction();
        if (st != null) {
            return st;
        }
        try {
            return provider.getNewServerTransaction(event.getRequest());
        } catch (TransactionAlreadyExistsException e) {
            return null;
        }
    }

    public void respond(RequestEvent event, Response response) {
        try {
            ServerTransaction st;
            try {
                st = transaction(event);
            } catch (TransactionUnavailableException e) {
                provider.sendResponse(response);
                return;
            }
            if (st != null) {
                st.sendResponse(response);
            }
        } catch (SipException | javax.sip.InvalidArgumentException | IllegalStateException e) {
            failed(response.getStatusCode() + " to " + event.getRequest().getMethod(), e);
        }
    }

    /**
     * Sends a response without a server transaction: nothing is kept for the request, which suits
     * answers that must cost next to nothing, such as refusing a flood. A retransmitted request is
     * simply answered again.
     */
    public void respondStatelessly(Response response) {
        try {
            provider.sendResponse(response);
        } catch (SipException e) {
            failed(Integer.toString(response.getStatusCode()), e);
        }
    }

    public void respond(ServerTransaction st, Response response) {
        try {
            st.sendResponse(response);
        } catch (SipException | javax.sip.InvalidArgumentException | IllegalStateException e) {
            failed(Integer.toString(response.getStatusCode()), e);
        }
    }

    private static void failed(String what, Exception e) {
        long heldBack = FAILURES.admit(e.getClass().getName());
        if (heldBack >= 0) {
            log.warn("could not send {}: {}{}", what, Slf4jStackLogger.shortened(e.toString()),
                    heldBack > 0 ? " (" + heldBack + " more such failures in the last minute, not logged)" : "");
        }
    }
}
