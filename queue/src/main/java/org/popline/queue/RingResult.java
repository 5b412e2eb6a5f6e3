package org.popline.queue;

/** How ringing an agent's phone ended. */
public enum RingResult {
    /** The agent answered; the call is bridged. */
    ANSWERED,
    /** The phone answered busy (486) or is in another call (600). */
    BUSY,
    /** The agent declined (603) or the phone refused the call with another final error. */
    DECLINED,
    /** Nobody answered within the ring timeout (the dialer withdrew the offer with CANCEL). */
    NO_ANSWER,
    /** The phone could not be reached (no response, transport error). */
    FAILED,
    /** The queue withdrew the offer ({@link AgentOffer#cancel}): the caller left, or another agent answered first. */
    CANCELLED
}
