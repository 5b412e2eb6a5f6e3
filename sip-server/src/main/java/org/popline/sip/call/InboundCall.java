package org.popline.sip.call;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javax.sip.ServerTransaction;
import org.popline.ivr.Call;
import org.popline.media.RtpSession;
import org.popline.media.source.ClipSource;
import org.popline.media.tts.PromptCache;
import org.popline.sip.sdp.MediaParams;

/**
 * One caller's leg: its INVITE transaction, its RTP session and where it stands. State changes
 * happen under the object's lock because SIP events, timers and the flow thread all touch it.
 */
public final class InboundCall implements Call {
    private final String callId;
    private final String ani;
    private final String toTag;
    private final ServerTransaction invite;
    private final RtpSession media;
    private final PromptCache prompts;
    private final String voice;
    private final Consumer<InboundCall> hangUpAction;
    private final Instant createdAt = Instant.now();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final List<Future<?>> timers = new ArrayList<>();
    private CallState state = CallState.RINGING;
    private MediaParams negotiated;
    private String localSdp;
    private boolean awaitingAnswer;
    private Instant confirmedAt;
    private volatile long rtpWatchFrom;

    InboundCall(String callId, String ani, String toTag, ServerTransaction invite, RtpSession media,
            PromptCache prompts, String voice, Consumer<InboundCall> hangUpAction) {
        this.callId = callId;
        this.ani = ani;
        this.toTag = toTag;
        this.invite = invite;
        this.media = media;
        this.prompts = prompts;
        this.voice = voice;
        this.hangUpAction = hangUpAction;
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public String ani() {
        return ani;
    }

    @Override
    public CompletableFuture<Void> say(String text) {
        if (ended.isDone()) {
            return CompletableFuture.completedFuture(null);
        }
        return media.play(new ClipSource(prompts.get(voice, text)));
    }

    @Override
    public CompletableFuture<Void> ended() {
        return ended;
    }

    @Override
    public void hangUp() {
        hangUpAction.accept(this);
    }

    String toTag() {
        return toTag;
    }

    ServerTransaction invite() {
        return invite;
    }

    RtpSession media() {
        return media;
    }

    synchronized CallState state() {
        return state;
    }

    synchronized void state(CallState next) {
        state = next;
        if (next == CallState.CONFIRMED) {
            confirmedAt = Instant.now();
        }
    }

    synchronized MediaParams mediaParams() {
        return negotiated;
    }

    synchronized void mediaParams(MediaParams params) {
        this.negotiated = params;
    }

    /** Our SDP in the 200 OK: an answer to the caller's offer, or our offer when the INVITE had none. */
    synchronized String localSdp() {
        return localSdp;
    }

    synchronized void localSdp(String sdp, boolean isOffer) {
        this.localSdp = sdp;
        this.awaitingAnswer = isOffer;
    }

    /** True when our 200 OK carried an offer, so the ACK must carry the answer. */
    synchronized boolean awaitingAnswer() {
        return awaitingAnswer;
    }

    /** From when the caller's RTP is expected (media start or resume), as System.nanoTime. */
    long rtpWatchFrom() {
        return rtpWatchFrom;
    }

    void watchRtpFrom(long nanos) {
        rtpWatchFrom = nanos;
    }

    synchronized void addTimer(Future<?> timer) {
        timers.add(timer);
    }

    synchronized void cancelTimers() {
        timers.forEach(t -> t.cancel(false));
        timers.clear();
    }

    void markEnded() {
        ended.complete(null);
    }

    /** Talk time so far: from the ACK on, zero for a call that was never confirmed. */
    synchronized Duration talkTime() {
        return confirmedAt == null ? Duration.ZERO : Duration.between(confirmedAt, Instant.now());
    }

    Duration age() {
        return Duration.between(createdAt, Instant.now());
    }
}
