package org.popline.sip.call;

import java.io.IOException;
import java.text.ParseException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.popline.ivr.CallFlow;
import org.popline.media.RtpSession;
import org.popline.media.audio.AudioClip;
import org.popline.media.tts.PromptCache;
import org.popline.sip.sdp.Direction;
import org.popline.sip.sdp.MediaParams;
import org.popline.sip.sdp.Negotiation;
import org.popline.sip.sdp.SdpException;
import org.popline.sip.sdp.SdpNegotiator;
import org.popline.sip.signalling.Responder;
import org.popline.sip.signalling.SipMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inbound calls from INVITE to the end of the dialog: offer/answer, ringing and answering, the
 * ACK, re-INVITE, INFO key presses, CANCEL and BYE from either side. Which call a request belongs
 * to is {@link DialogRequests}' job, the timers that end forgotten calls {@link CallSupervision}'s,
 * running the call's flow once the ACK confirms the dialog {@link FlowStarter}'s.
 */
public final class CallManager {
    private static final Logger log = LoggerFactory.getLogger(CallManager.class);
    private static final int RECENT_CALLS = 100;

    /** What the manager needs to know of the configuration. */
    public record Settings(String voice, AudioClip music, Duration answerDelay, Duration noAckTimeout, Duration maxDuration,
            Duration rtpTimeout, int maxConcurrentCalls, boolean inbandDtmf) {
    }

    private final Settings settings;
    private final SipProvider provider;
    private final SipMessages messages;
    private final Responder responder;
    private final SdpNegotiator negotiator;
    private final RtpSessions sessions;
    private final PromptCache prompts;
    private final AudioFiles audioFiles;
    private final CallQueues queues;
    private final AniExtractor aniExtractor;
    private final ScheduledExecutorService timers;
    private final ScreenPops screenPops;
    private final LiveCalls calls = new LiveCalls();
    private final DialogRequests dialogs;
    private final CallSupervision supervision;
    private final FlowStarter flows;
    private final RecentCalls recent = new RecentCalls(RECENT_CALLS);
    private volatile boolean closing;

    public CallManager(Settings settings, SipProvider provider, Responder responder, SipMessages messages,
            SdpNegotiator negotiator, RtpSessions sessions, PromptCache prompts, AudioFiles audioFiles, CallQueues queues, CallFlow flow,
            AniExtractor aniExtractor, ScheduledExecutorService timers, ExecutorService flows,
            Consumer<EndedCall> recorder, ScreenPops screenPops) {
        this.settings = settings;
        this.provider = provider;
        this.messages = messages;
        this.responder = responder;
        this.negotiator = negotiator;
        this.sessions = sessions;
        this.prompts = prompts;
        this.audioFiles = audioFiles;
        this.queues = queues;
        this.aniExtractor = aniExtractor;
        this.timers = timers;
        this.screenPops = screenPops;
        this.dialogs = new DialogRequests(calls, responder, messages);
        this.supervision = new CallSupervision(timers, settings.noAckTimeout(), settings.maxDuration(),
                settings.rtpTimeout(), calls, this::hangUp);
        this.flows = new FlowStarter(flow, flows, this::hangUp, recorder);
    }

    public Optional<InboundCall> liveCall(String callId) {
        return calls.get(callId);
    }

    public Collection<InboundCall> liveCalls() {
        return calls.all();
    }

    /** Live calls and the last ended ones, for the admin view. */
    public Map<String, List<CallSummary>> summaries() {
        return Map.of("live", liveCalls().stream().map(c -> CallSummary.of(c, null)).toList(), "recent", recent.list());
    }

    public static String callIdOf(javax.sip.message.Message message) {
        CallIdHeader h = (CallIdHeader) message.getHeader(CallIdHeader.NAME);
        return h == null ? "" : h.getCallId();
    }

    public void onInvite(RequestEvent event) {
        Request request = event.getRequest();
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        if (to.getTag() != null) {
            onReInvite(event);
            return;
        }
        String callId = callIdOf(request);
        if (calls.contains(callId)) {
            // A second INVITE with our Call-ID but a new branch: a merged request (RFC 3261 8.2.2.2).
            responder.respond(event, messages.response(Response.LOOP_DETECTED, request, "Merged Request"));
            return;
        }
        // Only new calls are turned away when full: a re-INVITE of a live call must still be answered.
        if (closing || calls.size() >= settings.maxConcurrentCalls()) {
            Response busy = messages.response(Response.SERVICE_UNAVAILABLE, request,
                    closing ? "Shutting down" : "Too many calls");
            messages.setRetryAfter(busy, 5);
            responder.respond(event, busy);
            return;
        }
        if (rejectedBeforeMedia(event)) {
            return;
        }
        String ani = aniExtractor.extract(request);
        CallLog.enter(callId, ani);
        ServerTransaction st;
        try {
            st = responder.transaction(event);
        } catch (SipException e) {
            log.warn("no server transaction for INVITE: {}", e.toString());
            return;
        }
        if (st == null) {
            return;
        }
        RtpSession session;
        try {
            session = sessions.open(callId);
        } catch (IOException e) {
            log.warn("INVITE refused: {}", e.getMessage());
            Response busy = messages.response(Response.SERVICE_UNAVAILABLE, request, "No RTP port free");
            messages.setRetryAfter(busy, 5);
            responder.respond(st, busy);
            return;
        }
        InboundCall call = null;
        try {
            call = new InboundCall(callId, ani, newTag(), st, session, prompts, settings.voice(), settings.music(),
                    audioFiles, queues, this::hangUp, screenPops);
            Response refusal = negotiate(call, request);
            if (refusal != null) {
                session.close();
                responder.respond(st, refusal);
                return;
            }
            calls.add(call);
            log.info("INVITE from {} accepted on RTP port {} ({})", ani, session.localPort(),
                    call.mediaParams() == null ? "late offer" : describe(call.mediaParams()));
            // Sent first even when the answer follows at once: without it, JAIN-SIP's own 100 (sent when
            // the transaction has no response after 200 ms) raced a 200 OK that took that long under load
            // and once reached the caller after it.
            responder.respond(st, messages.response(Response.TRYING, request));
            if (settings.answerDelay().isZero()) {
                // Answered at once: a 180 would be one more message to build and send for nothing.
                answer(call);
            } else {
                responder.respond(st, messages.withToTag(messages.response(Response.RINGING, request), call.toTag()));
                InboundCall ringing = call;
                call.addTimer(timers.schedule(CallLog.wrap(callId, ani, () -> answer(ringing)),
                        settings.answerDelay().toMillis(), TimeUnit.MILLISECONDS));
            }
        } catch (RuntimeException e) {
            // Whatever failed (the stack, a response we could not build), the port must not stay taken.
            if (call != null && calls.isLive(call)) {
                abandon(call, "accepting the INVITE", e);
            } else {
                session.close();
                log.warn("INVITE failed after taking RTP port {}, port released: {}", session.localPort(), e.toString());
                refuseQuietly(st, request);
            }
        }
    }

    /**
     * Ends a call that could not be accepted or answered: its media and bookkeeping go at once, and
     * the caller gets a 500 if the transaction still allows one.
     */
    private void abandon(InboundCall call, String step, RuntimeException e) {
        log.warn("call failed while {}, ending it: {}", step, e.toString());
        log.debug("failure while {}", step, e);
        end(call, EndedBy.ERROR, "error while " + step);
        refuseQuietly(call.invite(), call.invite().getRequest());
    }

    /** A 500 sent on a best-effort basis: the failure that led here may be the sending itself. */
    private void refuseQuietly(ServerTransaction st, Request request) {
        try {
            responder.respond(st, messages.response(Response.SERVER_INTERNAL_ERROR, request));
        } catch (RuntimeException again) {
            log.debug("no 500 sent either: {}", again.toString());
        }
    }

    /** Refuses an (re-)INVITE whose Accept, Content-Type or Content-Encoding rules out SDP; true when it did. */
    private boolean rejectedBeforeMedia(RequestEvent event) {
        Response refusal = InviteBodyCheck.refusal(event.getRequest(), messages);
        if (refusal != null) {
            responder.respond(event, refusal);
        }
        return refusal != null;
    }

    /**
     * Answers an (re-)INVITE's offer, or prepares our offer when it had none. Returns the refusal to send
     * (400 for unreadable SDP, 488 for no common codec), or null when the call goes on.
     */
    private Response negotiate(InboundCall call, Request request) {
        String offer = body(request);
        if (offer == null) {
            call.localSdp(negotiator.offer(call.media().localPort()), true);
            return null;
        }
        try {
            Negotiation n = negotiator.answer(offer, call.media().localPort());
            if (n instanceof Negotiation.Answered a) {
                call.localSdp(a.answerSdp(), false);
                call.mediaParams(a.params());
                return null;
            }
            String reason = ((Negotiation.NoCommonCodec) n).reason();
            log.info("INVITE refused with 488: {}", reason);
            return notAcceptable(request, reason);
        } catch (SdpException e) {
            log.info("INVITE refused with 400: bad SDP: {}", e.getMessage());
            return messages.response(Response.BAD_REQUEST, request, "Bad SDP: " + e.getMessage());
        }
    }

    private Response notAcceptable(Request request, String reason) {
        Response r = messages.response(Response.NOT_ACCEPTABLE_HERE, request);
        warn(r, "305 popline \"" + reason.replace('"', '\'') + "\"");
        return r;
    }

    private void warn(Response r, String warning) {
        try {
            r.setHeader(messages.headers().createHeader("Warning", warning));
        } catch (ParseException e) {
            log.debug("warning header not added: {}", e.getMessage());
        }
    }

    private void answer(InboundCall call) {
        try {
            synchronized (call) {
                if (call.state() != CallState.RINGING) {
                    return;
                }
                Response ok = okWithSdp(
                        messages.withToTag(messages.response(Response.OK, call.invite().getRequest()), call.toTag()),
                        call);
                call.state(CallState.ANSWERED);
                supervision.awaitAck(call);
                responder.respond(call.invite(), ok);
            }
        } catch (RuntimeException e) {
            abandon(call, "answering", e);
            return;
        }
        log.info("answered");
    }

    /** Adds our Contact and our current SDP (answer or offer) to a 200 OK. */
    private Response okWithSdp(Response ok, InboundCall call) {
        try {
            ok.setHeader(messages.contact(transportOf(call.invite().getRequest())));
            messages.addSdp(ok, call.localSdp());
            return ok;
        } catch (ParseException e) {
            throw new IllegalStateException("cannot build 200 OK", e);
        }
    }

    public void onAck(RequestEvent event) {
        InboundCall call = dialogs.acknowledged(event.getRequest());
        if (call == null) {
            return;
        }
        try {
            confirm(call, event);
        } catch (RuntimeException e) {
            log.warn("ACK could not be handled, hanging up: {}", e.toString());
            hangUp(call, EndedBy.ERROR, "error on ACK");
        }
    }

    private void confirm(InboundCall call, RequestEvent event) {
        boolean firstAck;
        synchronized (call) {
            boolean gotAnswer = call.awaitingAnswer();
            if (gotAnswer) {
                String answer = body(event.getRequest());
                try {
                    if (answer == null) {
                        throw new SdpException("the ACK carries no SDP answer to our offer");
                    }
                    call.mediaParams(negotiator.acceptAnswer(answer));
                    call.localSdp(call.localSdp(), false);
                } catch (SdpException e) {
                    log.warn("unusable answer in ACK, hanging up: {}", e.getMessage());
                    call.state(CallState.CONFIRMED);
                    hangUp(call, EndedBy.ERROR, "bad SDP in ACK");
                    return;
                }
            }
            firstAck = call.state() == CallState.ANSWERED;
            if (firstAck || gotAnswer) {
                applyMedia(call);
            }
            if (firstAck) {
                call.cancelTimers();
                call.state(CallState.CONFIRMED);
                supervision.limitDuration(call);
            }
        }
        if (firstAck) {
            log.info("ACK: media to {} ({})", call.mediaParams().remote(), describe(call.mediaParams()));
            flows.start(call);
        }
    }

    /**
     * Points the stream at the negotiated address and codec, and sends only if our direction
     * allows it: a peer's sendonly or inactive (hold) means we stay quiet until it resumes.
     */
    private void applyMedia(InboundCall call) {
        MediaParams p = call.mediaParams();
        call.media().start(p.remote(), p.codec(), p.telephoneEventPayloadType());
        call.media().sending(p.direction() == Direction.SENDRECV || p.direction() == Direction.SENDONLY);
        call.media().listenForDigits(settings.inbandDtmf(), call::onDigit);
        call.watchRtpFrom(System.nanoTime());
    }

    /**
     * At shutdown, after flow threads were given their chance to stop: records the calls whose flow
     * is still stuck, with what is known, rather than lose them.
     */
    public void recordUnfinishedFlows() {
        flows.recordUnfinished();
    }

    private void onReInvite(RequestEvent event) {
        InboundCall call = dialogs.inDialog(event);
        if (call == null || rejectedBeforeMedia(event)) {
            return;
        }
        Request request = event.getRequest();
        Response response;
        synchronized (call) {
            response = negotiate(call, request);
            if (response == null) {
                if (!call.awaitingAnswer()) {
                    applyMedia(call);
                }
                response = okWithSdp(messages.response(Response.OK, request), call);
            }
        }
        log.info("re-INVITE answered {}", response.getStatusCode());
        responder.respond(event, response);
    }

    public void onBye(RequestEvent event) {
        InboundCall call = dialogs.inDialog(event);
        if (call == null) {
            return;
        }
        end(call, EndedBy.CALLER, "caller hung up");
        responder.respond(event, messages.response(Response.OK, event.getRequest()));
    }

    /** SIP INFO within the call's dialog: see {@link InfoKeyPresses}. */
    public void onInfo(RequestEvent event) {
        InboundCall call = dialogs.inDialog(event);
        if (call != null) {
            responder.respond(event, InfoKeyPresses.take(call, event.getRequest(), messages));
        }
    }

    public void onCancel(RequestEvent event) {
        InboundCall call = dialogs.cancelled(event);
        if (call == null) {
            return;
        }
        responder.respond(event, messages.response(Response.OK, event.getRequest()));
        synchronized (call) {
            if (call.state() != CallState.RINGING) {
                // Too late: the final response has gone; the caller must send BYE (RFC 3261 9.2).
                return;
            }
            end(call, EndedBy.CALLER, "caller cancelled");
        }
        responder.respond(call.invite(), messages.withToTag(
                messages.response(Response.REQUEST_TERMINATED, call.invite().getRequest()), call.toTag()));
    }

    /**
     * Ends the call from our side: BYE once answered, or a final error response while ringing.
     * Media and bookkeeping end first, so nothing is sent after the peer has seen our BYE.
     */
    public void hangUp(InboundCall call, EndedBy by, String reason) {
        CallState was;
        synchronized (call) {
            was = call.state();
            if (was == CallState.ENDED) {
                return;
            }
            end(call, by, reason);
        }
        if (was == CallState.RINGING) {
            responder.respond(call.invite(), messages.withToTag(
                    messages.response(Response.TEMPORARILY_UNAVAILABLE, call.invite().getRequest()), call.toTag()));
        } else {
            sendBye(call);
        }
    }

    private void hangUp(InboundCall call) {
        hangUp(call, EndedBy.FLOW, "flow hung up");
    }

    private void sendBye(InboundCall call) {
        Dialog dialog = call.invite().getDialog();
        if (dialog == null) {
            log.warn("no dialog to send BYE on");
            return;
        }
        try {
            Request bye = dialog.createRequest(Request.BYE);
            ClientTransaction ct = provider.getNewClientTransaction(bye);
            dialog.sendRequest(ct);
        } catch (SipException e) {
            log.warn("BYE not sent: {}", e.toString());
        }
    }

    private void end(InboundCall call, EndedBy by, String reason) {
        synchronized (call) {
            if (call.state() == CallState.ENDED) {
                return;
            }
            call.ended(by, reason);
            call.cancelTimers();
        }
        // The flow learns of the end before its prompt stops with the media, or it would take the
        // stopped prompt for a finished one and go on (to a CRM lookup) for a caller who is gone.
        call.markEnded();
        call.media().close();
        calls.remove(call);
        recent.add(CallSummary.of(call, reason));
        log.info("call ended: {} after {} ms (talk {} ms)", reason, call.age().toMillis(), call.talkTime().toMillis());
        flows.record(call);
    }

    /** Ends every live call with BYE (or 480 while ringing) and stops taking new ones. */
    public void closeAll() {
        closing = true;
        for (InboundCall call : liveCalls()) {
            CallLog.enter(call.callId(), call.ani());
            try {
                hangUp(call, EndedBy.SHUTDOWN, "server shutting down");
            } finally {
                CallLog.leave();
            }
        }
    }

    private static String body(Request request) {
        byte[] raw = request.getRawContent();
        return raw == null || raw.length == 0 ? null : new String(raw, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String transportOf(Request request) {
        javax.sip.header.ViaHeader via = (javax.sip.header.ViaHeader) request.getHeader(javax.sip.header.ViaHeader.NAME);
        return via == null ? "udp" : via.getTransport();
    }

    private static String newTag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String describe(MediaParams p) {
        return p.codec().encodingName() + (p.telephoneEventPayloadType() >= 0
                ? " + telephone-event/" + p.telephoneEventPayloadType() : "");
    }
}
