package org.popline.queue;

import static org.popline.queue.AgentState.AVAILABLE;
import static org.popline.queue.AgentState.LOGGED_OUT;
import static org.popline.queue.AgentState.NOT_READY;
import static org.popline.queue.AgentState.ON_CALL;
import static org.popline.queue.AgentState.RESERVED;
import static org.popline.queue.AgentState.WRAP_UP;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One agent's state machine. Each method is something that happened (the phone registered, an
 * offer ended, the call ended, ...); the agent decides where that takes it, checks the move
 * against the allowed transitions and its invariants, and reports it to its observer. A move the
 * machine does not allow throws {@link IllegalStateException} naming the agent, from and to.
 *
 * <p>An offer that ends unanswered for the agent's own reasons (no answer, busy, declined,
 * unreachable) makes the agent NOT_READY with that reason, so that a phone that cannot take calls
 * is not rung again and again; the agent (or the agent page) says {@link #ready} when it can.
 * An offer withdrawn by the queue makes the agent AVAILABLE again with its original
 * available-since time, so it keeps its turn for longest-available routing.
 *
 * <p>Not thread-safe: the {@link Acd} guards every agent with its lock.
 */
final class Agent {
    static final String RONA = "RONA";
    static final String BUSY = "busy";
    static final String DECLINED = "declined";
    static final String UNREACHABLE = "unreachable";

    private static final Map<AgentState, Set<AgentState>> ALLOWED = Map.of(
            LOGGED_OUT, EnumSet.of(AVAILABLE),
            AVAILABLE, EnumSet.of(NOT_READY, RESERVED, LOGGED_OUT),
            NOT_READY, EnumSet.of(AVAILABLE, NOT_READY, LOGGED_OUT),
            RESERVED, EnumSet.of(ON_CALL, AVAILABLE, NOT_READY, LOGGED_OUT),
            ON_CALL, EnumSet.of(WRAP_UP, LOGGED_OUT),
            WRAP_UP, EnumSet.of(AVAILABLE, NOT_READY, LOGGED_OUT));

    /** What the agent tells its owner; called while the owner's lock is held. */
    interface Observer {
        void stateChanged(AgentEvent event);

        /** A call the agent answered is over, wrap-up included. */
        void callCompleted(String queue, Duration handleTime);
    }

    private final AgentProfile profile;
    private final Observer observer;

    private AgentState state = LOGGED_OUT;
    private Instant since;
    // Kept while RESERVED so that a withdrawn offer gives the agent back its place in line.
    private Instant availableSince;
    private String notReadyReason;
    private Caller caller;
    private String callQueue;
    private Instant answeredAt;
    // Requests made while the phone rings or the agent talks, honoured when the call is over.
    private String notReadyAfterCall;
    private boolean logOutAfterCall;
    private int offered;
    private int answered;
    private int missed;

    Agent(AgentProfile profile, Instant now, Observer observer) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.since = now;
    }

    /** A phone registration for a logged-in agent is a refresh: it only calls off a logout waiting for the call to end. */
    void phoneRegistered(Instant now) {
        if (state == LOGGED_OUT) {
            moveTo(AVAILABLE, null, now);
        } else {
            logOutAfterCall = false;
        }
    }

    void phoneUnregistered(Instant now) {
        switch (state) {
            case LOGGED_OUT -> { }
            case RESERVED, ON_CALL -> logOutAfterCall = true;
            case WRAP_UP -> {
                completeCall(now);
                moveTo(LOGGED_OUT, null, now);
            }
            default -> moveTo(LOGGED_OUT, null, now);
        }
    }

    /** Ready for calls; while ringing or talking it calls off a not-ready request, in wrap-up it ends wrap-up early. */
    void ready(Instant now) {
        switch (state) {
            case LOGGED_OUT -> throw illegal(AVAILABLE);
            case AVAILABLE -> { }
            case NOT_READY -> moveTo(AVAILABLE, null, now);
            case RESERVED, ON_CALL -> notReadyAfterCall = null;
            case WRAP_UP -> {
                completeCall(now);
                moveTo(AVAILABLE, null, now);
            }
        }
    }

    /** Not ready for calls; while ringing or talking it takes effect when the call is over, in wrap-up at once. */
    void notReady(String reason, Instant now) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("agent " + id() + ": a not-ready reason is required");
        }
        switch (state) {
            case LOGGED_OUT -> throw illegal(NOT_READY);
            case AVAILABLE, NOT_READY -> moveTo(NOT_READY, reason, now);
            case RESERVED, ON_CALL -> notReadyAfterCall = reason;
            case WRAP_UP -> {
                completeCall(now);
                moveTo(NOT_READY, reason, now);
            }
        }
    }

    void offered(Caller offeredCaller, String queue, Instant now) {
        expect(AVAILABLE, RESERVED);
        caller = Objects.requireNonNull(offeredCaller, "caller");
        callQueue = Objects.requireNonNull(queue, "queue");
        offered++;
        moveTo(RESERVED, null, now);
    }

    void answered(Instant now) {
        expect(RESERVED, ON_CALL);
        answered++;
        answeredAt = now;
        moveTo(ON_CALL, null, now);
    }

    /** The offer ended without an answer: withdrawn by the queue ({@link RingResult#CANCELLED}) or missed. */
    void offerEnded(RingResult result, Instant now) {
        Optional<String> missedBecause = missedReason(result);
        AgentState to = logOutAfterCall ? LOGGED_OUT
                : missedBecause.isPresent() || notReadyAfterCall != null ? NOT_READY
                : AVAILABLE;
        expect(RESERVED, to);
        if (missedBecause.isPresent()) {
            missed++;
        }
        String reason = to == NOT_READY ? missedBecause.orElse(notReadyAfterCall) : null;
        caller = null;
        callQueue = null;
        notReadyAfterCall = null;
        logOutAfterCall = false;
        moveTo(to, reason, now);
    }

    /** The bridged call ended; a logout asked for during the call takes effect now, skipping wrap-up. */
    void callEnded(Instant now) {
        AgentState to = logOutAfterCall ? LOGGED_OUT : WRAP_UP;
        expect(ON_CALL, to);
        if (to == LOGGED_OUT) {
            completeCall(now);
        }
        moveTo(to, null, now);
    }

    void wrapUpOver(Instant now) {
        String reason = notReadyAfterCall;
        AgentState to = reason == null ? AVAILABLE : NOT_READY;
        expect(WRAP_UP, to);
        completeCall(now);
        moveTo(to, reason, now);
    }

    String id() {
        return profile.id();
    }

    AgentProfile profile() {
        return profile;
    }

    AgentState state() {
        return state;
    }

    /** When the agent entered its current state. */
    Instant since() {
        return since;
    }

    /** When the agent last became available; set while AVAILABLE or RESERVED. */
    Instant availableSince() {
        return availableSince;
    }

    Optional<String> notReadyReason() {
        return Optional.ofNullable(notReadyReason);
    }

    /** The caller offered to or talking to the agent; also kept through wrap-up. */
    Optional<Caller> caller() {
        return Optional.ofNullable(caller);
    }

    /** The queue of the caller in {@link #caller()}. */
    Optional<String> callQueue() {
        return Optional.ofNullable(callQueue);
    }

    int offered() {
        return offered;
    }

    int answered() {
        return answered;
    }

    int missed() {
        return missed;
    }

    private static Optional<String> missedReason(RingResult result) {
        return switch (result) {
            case CANCELLED -> Optional.empty();
            case NO_ANSWER -> Optional.of(RONA);
            case BUSY -> Optional.of(BUSY);
            case DECLINED -> Optional.of(DECLINED);
            case FAILED -> Optional.of(UNREACHABLE);
            case ANSWERED -> throw new IllegalArgumentException("an answered offer goes to answered(), not offerEnded()");
        };
    }

    private void completeCall(Instant now) {
        observer.callCompleted(callQueue, Duration.between(answeredAt, now));
        caller = null;
        callQueue = null;
        answeredAt = null;
        notReadyAfterCall = null;
        logOutAfterCall = false;
    }

    private void expect(AgentState from, AgentState to) {
        if (state != from) {
            throw illegal(to);
        }
    }

    private void moveTo(AgentState to, String reason, Instant now) {
        AgentState from = state;
        if (!ALLOWED.get(from).contains(to)) {
            throw illegal(to);
        }
        state = to;
        since = now;
        notReadyReason = reason;
        if (to == AVAILABLE && availableSince == null) {
            availableSince = now;
        } else if (to != AVAILABLE && to != RESERVED) {
            availableSince = null;
        }
        checkInvariants(from);
        observer.stateChanged(new AgentEvent(id(), from, to, Optional.ofNullable(reason), caller().map(Caller::callId), now));
    }

    private void checkInvariants(AgentState from) {
        boolean inCall = state == RESERVED || state == ON_CALL || state == WRAP_UP;
        boolean talked = state == ON_CALL || state == WRAP_UP;
        check(inCall == (caller != null && callQueue != null), from, "a caller exactly while reserved, on a call or in wrap-up");
        check(talked == (answeredAt != null), from, "an answer time exactly while on a call or in wrap-up");
        check((state == NOT_READY) == (notReadyReason != null), from, "a reason exactly while not ready");
        check((state == AVAILABLE || state == RESERVED) == (availableSince != null), from,
                "an available-since time exactly while available or reserved");
        check(inCall || notReadyAfterCall == null, from, "a deferred not-ready only during a call");
        check(state == RESERVED || state == ON_CALL || !logOutAfterCall, from, "a deferred logout only while ringing or talking");
    }

    private void check(boolean holds, AgentState from, String invariant) {
        if (!holds) {
            throw new IllegalStateException("agent " + id() + ": moving from " + from + " to " + state
                    + " broke an invariant: " + invariant);
        }
    }

    private IllegalStateException illegal(AgentState to) {
        return new IllegalStateException("agent " + id() + " cannot go from " + state + " to " + to);
    }
}
