package org.popline.sip.call;

import java.util.Locale;

/** Who ended a call, as call detail records and metrics count it. */
public enum EndedBy {
    /** BYE or CANCEL from the caller. */
    CALLER,
    /** The agent's phone hung up a bridged call. */
    AGENT,
    /** The flow disconnected, ran out of activities, or failed. */
    FLOW,
    /** No ACK, no RTP, or the maximum duration reached. */
    TIMEOUT,
    /** The server stopped. */
    SHUTDOWN,
    /** Popline could not go on: an unusable SDP answer, no flow thread free. */
    ERROR;

    /** As written in records and metric labels. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
