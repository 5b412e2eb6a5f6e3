package org.popline.desk;

import java.util.Optional;

/**
 * Each agent's latest screen pop until a page has shown it or it expires, so that a page that was not
 * connected when the pop came (closed, reconnecting, moving to another node) gets it once. Thread-safe.
 */
public interface PendingPops {

    /** Keeps {@code pop} as its agent's pending pop, in place of any earlier one. */
    void hold(PendingPop pop);

    Optional<PendingPop> pending(String agentId);

    /** A page showed pop {@code id}: it is pending no more (a newer pop of the agent stays). */
    void seen(String agentId, String id);
}
