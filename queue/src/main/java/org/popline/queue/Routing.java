package org.popline.queue;

/** How a queue picks among its available agents. */
public enum Routing {
    /** The agent who has been available longest (the default, as in Webex's LONGEST_AVAILABLE_AGENT). */
    LONGEST_AVAILABLE,
    /** Each agent in turn, in configuration order, starting after the one offered last. */
    ROUND_ROBIN,
    /** Every available agent at once; the first to answer gets the call, the others stop ringing. */
    RING_ALL
}
