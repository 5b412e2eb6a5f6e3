package org.popline.sip.agent;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.popline.media.MediaEngine;
import org.popline.queue.AgentDialer;
import org.popline.queue.AgentOffer;
import org.popline.queue.Caller;
import org.popline.queue.RingResult;
import org.popline.sip.call.CallManager;
import org.popline.sip.call.EndedBy;
import org.popline.sip.call.InboundCall;
import org.popline.sip.sdp.SdpNegotiator;
import org.popline.sip.signalling.Responder;
import org.popline.sip.signalling.SipMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rings agents' registered phones for the ACD, one {@link AgentLeg} per offer, and routes the SIP
 * messages of those legs (responses, the agent's BYE) to them by Call-ID.
 */
public final class SipAgentDialer implements AgentDialer {
    private static final Logger log = LoggerFactory.getLogger(SipAgentDialer.class);

    private final SipProvider provider;
    private final SipMessages messages;
    private final SdpNegotiator sdp;
    private final MediaEngine media;
    private final ScheduledExecutorService timers;
    private final Function<String, Optional<AgentContact>> contacts;
    private final OfferListener offers;
    private final Map<String, AgentLeg> legs = new ConcurrentHashMap<>();
    private volatile LegServices services;
    private volatile CallManager calls;

    /**
     * @param contacts where an agent's phone is registered now, by agent id
     * @param offers told of each caller before their agent's phone rings
     */
    public SipAgentDialer(SipProvider provider, SipMessages messages, SdpNegotiator sdp, MediaEngine media,
            ScheduledExecutorService timers, Function<String, Optional<AgentContact>> contacts, OfferListener offers) {
        this.provider = provider;
        this.messages = messages;
        this.sdp = sdp;
        this.media = media;
        this.timers = timers;
        this.contacts = contacts;
        this.offers = offers;
    }

    /**
     * Completes the wiring before the first call: the ACD rings agents through this dialer, and the
     * dialer needs the inbound calls (to bridge and hang up) and the ACD (to report ended calls), so
     * one of the three has to be told of the others after they exist.
     *
     * @param callEnded tells the ACD an agent's bridged call is over
     */
    public void connect(CallManager calls, Consumer<String> callEnded) {
        this.calls = calls;
        this.services = new LegServices(provider, messages, new Responder(provider), sdp, media, timers,
                (call, reason) -> calls.hangUp(call, EndedBy.AGENT, reason), callEnded);
    }

    @Override
    public AgentOffer ring(String agentId, Caller caller, Duration ringTimeout) {
        Optional<AgentContact> contact = contacts.apply(agentId);
        if (contact.isEmpty()) {
            log.info("agent {} has no registered phone", agentId);
            return failed();
        }
        Optional<InboundCall> call = calls.liveCall(caller.callId());
        if (call.isEmpty()) {
            return failed();
        }
        offers.offered(agentId, caller, call.get().queueName(), call.get().caseNumber());
        try {
            return AgentLeg.ring(agentId, contact.get(), caller, call.get(), ringTimeout, services,
                    leg -> legs.put(leg.callId(), leg), leg -> legs.remove(leg.callId(), leg));
        } catch (IOException e) {
            log.warn("cannot ring agent {}: {}", agentId, e.getMessage());
            return failed();
        }
    }

    private static AgentOffer failed() {
        CompletableFuture<RingResult> result = CompletableFuture.completedFuture(RingResult.FAILED);
        return new AgentOffer() {
            @Override
            public CompletableFuture<RingResult> result() {
                return result;
            }

            @Override
            public void cancel() {
            }
        };
    }

    /** A response to one of our requests to an agent; false if it belongs to no agent leg. */
    public boolean onResponse(ResponseEvent event) {
        AgentLeg leg = legs.get(CallManager.callIdOf(event.getResponse()));
        if (leg == null) {
            return false;
        }
        leg.onResponse(event);
        return true;
    }

    /** A request inside an agent leg's dialog; false if it belongs to none. */
    public boolean onRequest(RequestEvent event) {
        Request request = event.getRequest();
        AgentLeg leg = legs.get(CallManager.callIdOf(request));
        if (leg == null) {
            return false;
        }
        switch (request.getMethod()) {
            case Request.BYE -> leg.onBye(event);
            case Request.ACK -> { }
            // A key the agent presses travels in RTP through the bridge; INFO and OPTIONS are acknowledged.
            case Request.INFO, Request.OPTIONS -> services.responder().respond(event,
                    services.messages().response(Response.OK, request));
            default -> services.responder().respond(event, services.messages().response(
                    Response.NOT_ACCEPTABLE_HERE, request, "Popline does not renegotiate agent legs"));
        }
        return true;
    }

    /** Our INVITE to an agent got no response at all; false if it was not ours. */
    public boolean onTimeout(TimeoutEvent event) {
        if (event.getClientTransaction() == null) {
            return false;
        }
        AgentLeg leg = legs.get(CallManager.callIdOf(event.getClientTransaction().getRequest()));
        if (leg == null) {
            return false;
        }
        leg.onTimeout();
        return true;
    }

    /** Agent legs ringing or talking now. */
    public int liveLegs() {
        return legs.size();
    }
}
