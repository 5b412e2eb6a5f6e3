package org.popline.queue;

/** Where an agent stands; one state machine ({@code Agent}) moves between these and checks every move. */
public enum AgentState {
    /** No registered phone. */
    LOGGED_OUT,
    /** Registered and waiting for a call. */
    AVAILABLE,
    /** Registered but not taking calls, with a reason (break, RONA after an unanswered offer, ...). */
    NOT_READY,
    /** Their phone is ringing with an offered call. */
    RESERVED,
    /** Talking to a caller. */
    ON_CALL,
    /** After a call, for the queue's wrap-up time. */
    WRAP_UP
}
