package org.popline.sip.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.popline.media.MediaBridge;
import org.popline.media.RtpSession;
import org.popline.queue.AgentOffer;
import org.popline.queue.Caller;
import org.popline.queue.RingResult;
import org.popline.sip.call.CallLog;
import org.popline.sip.call.InboundCall;
import org.popline.sip.sdp.MediaParams;
import org.popline.sip.sdp.SdpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Popline's call to one agent's phone for one waiting caller (the B2BUA's second leg): INVITE with
 * our SDP offer, CANCEL when the offer is withdrawn or rings too long, and on answer the caller's
 * media bridged to the agent's. Afterwards whichever side hangs up, the other is hung up too and
 * the ACD is told.
 */
final class AgentLeg implements AgentOffer {
    private static final Logger log = LoggerFactory.getLogger(AgentLeg.class);

    private enum State { RINGING, CANCELLING, ANSWERED, ENDED }

    private final String agentId;
    private final InboundCall caller;
    private final LegServices services;
    private final RtpSession media;
    private final Consumer<AgentLeg> onFinished;
    private final CompletableFuture<RingResult> result = new CompletableFuture<>();
    private final String callId;
    private State state = State.RINGING;
    private RingResult cancelledAs;
    private ClientTransaction invite;
    private Dialog dialog;
    private ScheduledFuture<?> ringTimer;
    private MediaBridge bridge;

    private AgentLeg(String agentId, InboundCall caller, LegServices services, RtpSession media, String callId,
            Consumer<AgentLeg> onFinished) {
        this.agentId = agentId;
        this.caller = caller;
        this.services = services;
        this.media = media;
        this.callId = callId;
        this.onFinished = onFinished;
    }

    /**
     * Starts ringing {@code contact} and returns at once. {@code onStarted} sees the leg before
     * its INVITE leaves, so responses can find it; {@code onFinished} once its dialog is over.
     */
    static AgentLeg ring(String agentId, AgentContact contact, Caller who, InboundCall caller, Duration ringTimeout,
            LegServices services, Consumer<AgentLeg> onStarted, Consumer<AgentLeg> onFinished) throws IOException {
        SipProvider provider = services.provider();
        CallIdHeader callIdHeader = provider.getNewCallId();
        RtpSession media = services.media().openSession(callIdHeader.getCallId());
        AgentLeg leg = new AgentLeg(agentId, caller, services, media, callIdHeader.getCallId(), onFinished);
        onStarted.accept(leg);
        try {
            Request request = services.messages().outboundInvite(contact.contactUri(), contact.transport(),
                    contact.sipUser(), who.ani(), displayName(who), who.screenPopUrl(), callIdHeader,
                    services.sdp().offer(media.localPort()), contact.route());
            ClientTransaction ct = provider.getNewClientTransaction(request);
            synchronized (leg) {
                leg.invite = ct;
                leg.dialog = ct.getDialog();
                leg.ringTimer = services.timers().schedule(() -> leg.withdraw(RingResult.NO_ANSWER),
                        ringTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            ct.sendRequest();
            log.info("ringing agent {} at {} for caller {}", agentId, contact.contactUri(), who.callId());
        } catch (ParseException | SipException | RuntimeException e) {
            log.warn("cannot ring agent {} at {}: {}", agentId, contact.contactUri(), e.toString());
            leg.finish(RingResult.FAILED);
        }
        caller.ended().thenRun(leg::callerEnded);
        return leg;
    }

    private static String displayName(Caller who) {
        String number = who.ani() == null || who.ani().isBlank() ? "anonymous" : who.ani();
        return who.name().map(name -> name + " (" + number + ")").orElse(number);
    }

    String callId() {
        return callId;
    }

    String agentId() {
        return agentId;
    }

    @Override
    public CompletableFuture<RingResult> result() {
        return result;
    }

    @Override
    public void cancel() {
        withdraw(RingResult.CANCELLED);
    }

    /** Stops ringing: CANCEL now, the result when the phone confirms with 487 (or answers anyway). */
    private void withdraw(RingResult why) {
        ClientTransaction ringing;
        synchronized (this) {
            if (state != State.RINGING || invite == null) {
                return;
            }
            state = State.CANCELLING;
            cancelledAs = why;
            ringing = invite;
        }
        log.info("withdrawing the offer to agent {}: {}", agentId, why);
        try {
            ClientTransaction cancel = services.provider().getNewClientTransaction(ringing.createCancel());
            cancel.sendRequest();
        } catch (SipException e) {
            log.warn("CANCEL to agent {} not sent: {}", agentId, e.toString());
            finish(why);
        }
    }

    void onResponse(ResponseEvent event) {
        Response response = event.getResponse();
        CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
        if (!Request.INVITE.equals(cseq.getMethod())) {
            return;
        }
        int status = response.getStatusCode();
        if (status < 200) {
            return;
        }
        if (status >= 300) {
            onRefused(status, response.getReasonPhrase());
            return;
        }
        onAnswered(event, cseq.getSeqNumber());
    }

    private void onRefused(int status, String reason) {
        RingResult outcome;
        synchronized (this) {
            if (state == State.ENDED || state == State.ANSWERED) {
                return;
            }
            outcome = state == State.CANCELLING ? cancelledAs : refusal(status);
        }
        log.info("agent {} did not take the call: {} {} ({})", agentId, status, reason, outcome);
        finish(outcome);
    }

    private static RingResult refusal(int status) {
        return switch (status) {
            case Response.BUSY_HERE, Response.BUSY_EVERYWHERE -> RingResult.BUSY;
            case Response.REQUEST_TIMEOUT, Response.TEMPORARILY_UNAVAILABLE -> RingResult.NO_ANSWER;
            default -> status >= 500 && status < 600 ? RingResult.FAILED : RingResult.DECLINED;
        };
    }

    private void onAnswered(ResponseEvent event, long inviteSeq) {
        Dialog answered = event.getDialog() != null ? event.getDialog() : dialog;
        ack(answered, inviteSeq);
        boolean connect;
        RingResult withdrawnAs;
        synchronized (this) {
            if (state == State.ANSWERED || state == State.ENDED) {
                return;
            }
            connect = state == State.RINGING && !caller.ended().isDone();
            withdrawnAs = state == State.CANCELLING ? cancelledAs : RingResult.CANCELLED;
            state = connect ? State.ANSWERED : State.ENDED;
            dialog = answered;
        }
        if (!connect) {
            // Answered after we withdrew (RFC 3261 9.1 race) or after the caller left: hang up at once.
            log.info("agent {} answered a withdrawn offer; hanging up", agentId);
            bye();
            finish(withdrawnAs);
            return;
        }
        try {
            MediaParams params = services.sdp().acceptAnswer(new String(event.getResponse().getRawContent(), StandardCharsets.UTF_8));
            media.start(params.remote(), params.codec(), params.telephoneEventPayloadType());
        } catch (SdpException | RuntimeException e) {
            log.warn("agent {} answered with unusable media: {}", agentId, e.getMessage());
            synchronized (this) {
                state = State.ENDED;
            }
            bye();
            finish(RingResult.FAILED);
            return;
        }
        try {
            MediaBridge opened = MediaBridge.open(caller.media(), media);
            synchronized (this) {
                bridge = opened;
            }
        } catch (IllegalStateException e) {
            // Another agent's phone answered first (ring-all), or the caller's media just closed.
            log.info("agent {} answered, but the caller is taken or gone: {}", agentId, e.getMessage());
            synchronized (this) {
                state = State.ENDED;
            }
            bye();
            finish(RingResult.CANCELLED);
            return;
        }
        cancelRingTimer();
        log.info("agent {} answered; caller {} bridged", agentId, caller.callId());
        caller.answeredBy(agentId);
        result.complete(RingResult.ANSWERED);
    }

    private void ack(Dialog answered, long inviteSeq) {
        if (answered == null) {
            log.warn("200 OK from agent {} without a dialog; cannot ACK", agentId);
            return;
        }
        try {
            answered.sendAck(answered.createAck(inviteSeq));
        } catch (SipException | InvalidArgumentException e) {
            log.warn("ACK to agent {} not sent: {}", agentId, e.toString());
        }
    }

    /** The agent hung up a bridged call: the caller is hung up too. */
    void onBye(RequestEvent event) {
        services.responder().respond(event, services.messages().response(Response.OK, event.getRequest()));
        boolean wasTalking;
        synchronized (this) {
            wasTalking = state == State.ANSWERED;
            state = State.ENDED;
        }
        log.info("agent {} hung up", agentId);
        close();
        if (wasTalking) {
            services.hangUpCaller().accept(caller, "agent hung up");
            services.callEnded().accept(agentId);
        }
        onFinished.accept(this);
    }

    /** The caller's call ended (caller hung up, timeout, shutdown): the agent is hung up or the offer withdrawn. */
    private void callerEnded() {
        CallLog.enter(caller.callId(), caller.ani());
        try {
            State was;
            synchronized (this) {
                was = state;
                if (was == State.ANSWERED) {
                    state = State.ENDED;
                }
            }
            if (was == State.RINGING) {
                withdraw(RingResult.CANCELLED);
            } else if (was == State.ANSWERED) {
                log.info("caller hung up; hanging up agent {}", agentId);
                bye();
                close();
                services.callEnded().accept(agentId);
                onFinished.accept(this);
            }
        } finally {
            CallLog.leave();
        }
    }

    /** The INVITE got no final answer at all (unreachable phone). */
    void onTimeout() {
        synchronized (this) {
            if (state == State.ANSWERED || state == State.ENDED) {
                return;
            }
        }
        log.info("agent {} did not respond", agentId);
        finish(RingResult.FAILED);
    }

    private void bye() {
        Dialog d;
        synchronized (this) {
            d = dialog;
        }
        if (d == null) {
            return;
        }
        try {
            Request bye = d.createRequest(Request.BYE);
            d.sendRequest(services.provider().getNewClientTransaction(bye));
        } catch (SipException e) {
            log.warn("BYE to agent {} not sent: {}", agentId, e.toString());
        }
    }

    private void finish(RingResult outcome) {
        synchronized (this) {
            state = State.ENDED;
        }
        cancelRingTimer();
        close();
        result.complete(outcome);
        onFinished.accept(this);
    }

    private void cancelRingTimer() {
        ScheduledFuture<?> timer;
        synchronized (this) {
            timer = ringTimer;
        }
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void close() {
        MediaBridge b;
        synchronized (this) {
            b = bridge;
        }
        if (b != null) {
            b.close();
        }
        media.close();
    }
}
