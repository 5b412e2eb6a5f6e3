package org.popline.queue;

import java.util.Optional;

/** One agent's phone ringing for one waiting caller, from routing until the dialer reports how it ended. Guarded by the {@link Acd}'s lock. */
final class Ringing {
    private final Agent agent;
    private final WaitingCaller caller;
    private AgentOffer offer;
    private boolean withdrawn;
    private boolean callEnded;

    Ringing(Agent agent, WaitingCaller caller) {
        this.agent = agent;
        this.caller = caller;
    }

    Agent agent() {
        return agent;
    }

    WaitingCaller caller() {
        return caller;
    }

    /** Empty until {@link AgentDialer#ring} has returned. */
    Optional<AgentOffer> offer() {
        return Optional.ofNullable(offer);
    }

    void offer(AgentOffer started) {
        offer = started;
    }

    boolean withdrawn() {
        return withdrawn;
    }

    void withdraw() {
        withdrawn = true;
    }

    /** The dialer reported the call over before the ACD heard it was answered. */
    void callEndedBeforeAnswerHeard() {
        callEnded = true;
    }

    boolean callEnded() {
        return callEnded;
    }
}
