package org.popline.sip.call;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sip.ServerTransaction;
import org.popline.ivr.Call;
import org.popline.ivr.QueueEntry;
import org.popline.ivr.QueueException;
import org.popline.ivr.QueueRequest;
import org.popline.ivr.QueueStatus;
import org.popline.ivr.ScreenPop;
import org.popline.media.RtpSession;
import org.popline.media.audio.AudioClip;
import org.popline.media.dtmf.DtmfDigit;
import org.popline.media.source.AudioSource;
import org.popline.media.source.ClipSource;
import org.popline.media.source.LoopSource;
import org.popline.media.tts.PromptCache;
import org.popline.media.tts.SpokenPrompt;
import org.popline.sip.sdp.MediaParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One caller's leg: its INVITE transaction, its RTP session and where it stands. State changes
 * happen under the object's lock because SIP events, timers and the flow thread all touch it.
 */
public final class InboundCall implements Call {
    private static final Logger log = LoggerFactory.getLogger(InboundCall.class);
    private static final long DIGIT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final String callId;
    private final String ani;
    private final String toTag;
    private final ServerTransaction invite;
    private final RtpSession media;
    private final PromptCache prompts;
    private final String voice;
    private final AudioClip music;
    private final AudioFiles audioFiles;
    private final CallQueues queues;
    private final Consumer<InboundCall> hangUpAction;
    private final ScreenPops screenPops;
    private final Instant createdAt = Instant.now();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final List<Future<?>> timers = new ArrayList<>();
    private final BlockingQueue<Character> digits = new LinkedBlockingQueue<>();
    private final PressedKeys pressed = new PressedKeys();
    private volatile CompletableFuture<Void> interruptibleFrom;
    private CallState state = CallState.RINGING;
    private MediaParams negotiated;
    private String localSdp;
    private boolean awaitingAnswer;
    private Instant answeredAt;
    private Instant confirmedAt;
    private EndedCall.QueueStay queueStay;
    private boolean flowRunning;
    private boolean recorded;
    private Instant endedAt;
    private EndedBy endedBy;
    private String endReason;
    private Optional<String> caseNumber = Optional.empty();
    private ScreenPop lastScreenPop;
    private String answeredBy;
    private volatile long rtpWatchFrom;

    InboundCall(String callId, String ani, String toTag, ServerTransaction invite, RtpSession media,
            PromptCache prompts, String voice, AudioClip music, AudioFiles audioFiles, CallQueues queues,
            Consumer<InboundCall> hangUpAction, ScreenPops screenPops) {
        this.callId = callId;
        this.ani = ani;
        this.toTag = toTag;
        this.invite = invite;
        this.media = media;
        this.prompts = prompts;
        this.voice = voice;
        this.music = music;
        this.audioFiles = audioFiles;
        this.queues = queues;
        this.hangUpAction = hangUpAction;
        this.screenPops = screenPops;
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
    public CompletableFuture<Void> say(String text, Optional<String> voice, boolean interruptible) {
        if (ended.isDone() || (interruptible && !digits.isEmpty())) {
            return CompletableFuture.completedFuture(null);
        }
        long asked = System.nanoTime();
        SpokenPrompt prompt = prompts.prompt(voice.orElse(this.voice), text);
        // Playing starts before the synthesis runs, here on the flow thread: the stream plays as it grows.
        CompletableFuture<Void> played = play(prompt.source(), interruptible, prompt.firstFrameSent(asked));
        prompt.synthesise();
        return played;
    }

    @Override
    public CompletableFuture<Void> playFile(String file, boolean loop, boolean interruptible) {
        if (ended.isDone() || (interruptible && !digits.isEmpty())) {
            return CompletableFuture.completedFuture(null);
        }
        AudioClip clip;
        try {
            clip = audioFiles.clip(file);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return play(loop ? new LoopSource(clip) : new ClipSource(clip), interruptible, () -> { });
    }

    private CompletableFuture<Void> play(AudioSource source, boolean interruptible, Runnable firstFrameSent) {
        CompletableFuture<Void> played = media.play(source, firstFrameSent);
        if (interruptible) {
            interruptibleFrom = played;
            if (!digits.isEmpty()) {
                media.stopPlayback();
            }
        }
        return played;
    }

    @Override
    public CompletableFuture<Void> playMusic() {
        if (ended.isDone()) {
            return CompletableFuture.completedFuture(null);
        }
        return media.play(new LoopSource(music));
    }

    @Override
    public Optional<Character> nextDigit(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        // Polled in slices so that a caller hanging up ends the wait at once, not at the timeout.
        while (!ended.isDone()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            Character d = digits.poll(Math.min(left, DIGIT_POLL_NANOS), TimeUnit.NANOSECONDS);
            if (d != null) {
                return Optional.of(d);
            }
        }
        return Optional.ofNullable(digits.poll());
    }

    /**
     * A key press from any source (RFC 4733, SIP INFO, in-band). Kept for the flow; it stops an
     * interruptible prompt at once (barge-in), so the caller hears the next prompt within a frame.
     */
    void onDigit(DtmfDigit digit) {
        CallLog.enter(callId, ani);
        try {
            // Which key it was is the flow's to log: only it knows whether the key is part of a secure entry.
            log.info("key pressed ({})", digit.source());
            synchronized (pressed) {
                pressed.add(digit.digit());
                digits.add(digit.digit());
            }
            CompletableFuture<Void> playing = interruptibleFrom;
            if (playing != null && !playing.isDone()) {
                media.stopPlayback();
                log.info("prompt interrupted by a key");
            }
        } finally {
            CallLog.leave();
        }
    }

    @Override
    public void secureDigits(boolean on) {
        synchronized (pressed) {
            pressed.secure(on, digits.size());
        }
    }

    /** Every key pressed so far, in order, secure entries masked. */
    String digitsPressed() {
        return pressed.shown();
    }

    @Override
    public QueueEntry enqueue(QueueRequest request) throws QueueException {
        // Known before the queue hears of the caller: an agent may be rung before enqueue returns.
        EndedCall.QueueStay stay = new EndedCall.QueueStay(request.queue(), Instant.now(), Optional.empty(),
                Optional.empty());
        synchronized (this) {
            caseNumber = request.caseNumber();
            queueStay = stay;
        }
        QueueEntry entry;
        try {
            entry = queues.enqueue(this, request);
        } catch (QueueException | RuntimeException e) {
            synchronized (this) {
                caseNumber = Optional.empty();
                queueStay = null;
            }
            throw e;
        }
        entry.agentAnswered().whenComplete((agent, error) -> leftQueue(stay, Optional.ofNullable(agent)));
        ended.whenComplete((done, error) -> entry.agentAnswered().cancel(false));
        return entry;
    }

    @Override
    public QueueStatus queueStatus(String queue) throws QueueException {
        return queues.status(queue);
    }

    /** An agent answered ({@code agent} present), or the caller left the queue; a later queue's stay is not touched. */
    private synchronized void leftQueue(EndedCall.QueueStay stay, Optional<String> agent) {
        if (queueStay == stay) {
            queueStay = new EndedCall.QueueStay(stay.queue(), stay.queuedAt(), Optional.of(Instant.now()), agent);
        }
    }

    /**
     * The agent whose phone took this call. Told by the agent's leg before the queue hears of the
     * answer, so it is known by the time the flow's agent-answered handler pops a page.
     */
    public synchronized void answeredBy(String agentId) {
        answeredBy = agentId;
    }

    @Override
    public void screenPop(ScreenPop pop) {
        String agentId;
        synchronized (this) {
            lastScreenPop = pop;
            agentId = answeredBy;
        }
        // The URL carries the caller's name and case: kept out of the log unless debugging.
        log.info("screen pop ({}) for agent {}", pop.target(), agentId);
        log.debug("screen pop URL: {}", pop.url());
        if (agentId == null) {
            log.warn("screen pop outside an answered call: no agent to show it to");
            return;
        }
        screenPops.deliver(agentId, callId, pop);
    }

    public synchronized String queueName() {
        return queueStay == null ? null : queueStay.queue();
    }

    /** The caller's case as the flow named it when queueing them. */
    public synchronized Optional<String> caseNumber() {
        return caseNumber;
    }

    synchronized ScreenPop lastScreenPop() {
        return lastScreenPop;
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

    /** The caller's RTP session, which an answered agent's leg is bridged to. */
    public RtpSession media() {
        return media;
    }

    synchronized CallState state() {
        return state;
    }

    synchronized void state(CallState next) {
        state = next;
        if (next == CallState.ANSWERED) {
            answeredAt = Instant.now();
        } else if (next == CallState.CONFIRMED) {
            confirmedAt = Instant.now();
        }
    }

    /** Ends the call's state machine, noting who ended it, why and when (the caller makes sure this happens once). */
    synchronized void ended(EndedBy by, String reason) {
        state = CallState.ENDED;
        endedAt = Instant.now();
        endedBy = by;
        endReason = reason;
    }

    /**
     * Marks the flow as running, unless the call has already ended: then no flow runs, and the
     * call's record need not wait for one.
     */
    synchronized boolean startingFlow() {
        if (state == CallState.ENDED) {
            return false;
        }
        flowRunning = true;
        return true;
    }

    synchronized void flowFinished() {
        flowRunning = false;
    }

    /**
     * The call's record once it has ended and its flow (if one ran) has finished, so that the
     * flow's report is in before it; empty before that, and once it has been taken.
     */
    synchronized Optional<EndedCall> takeRecord() {
        if (state != CallState.ENDED || flowRunning || recorded) {
            return Optional.empty();
        }
        recorded = true;
        return Optional.of(new EndedCall(callId, ani, createdAt, Optional.ofNullable(answeredAt), endedAt,
                digitsPressed(), Optional.ofNullable(queueStay), endedBy, endReason));
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

    Instant startedAt() {
        return createdAt;
    }

    Duration age() {
        return Duration.between(createdAt, Instant.now());
    }
}
