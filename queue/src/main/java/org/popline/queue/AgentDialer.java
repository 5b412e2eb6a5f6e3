package org.popline.queue;

import java.time.Duration;

/**
 * Rings an agent's phone for a waiting caller; implemented by the SIP server (a B2BUA leg to the
 * agent's registered contact). On ANSWERED the dialer has already connected the caller to the
 * agent; when either side later hangs up it tells the ACD through {@code Acd.callEnded}.
 */
public interface AgentDialer {

    /** Starts ringing {@code agentId} and returns at once; gives up by itself after {@code ringTimeout} (NO_ANSWER). */
    AgentOffer ring(String agentId, Caller caller, Duration ringTimeout);
}
