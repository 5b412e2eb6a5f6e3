package org.popline.sip.call;

import org.popline.ivr.ScreenPop;

/** Where a call's screen pop goes: the desktop of the agent who answered it. */
@FunctionalInterface
public interface ScreenPops {

    /** Shows {@code pop} to agent {@code agentId} for the caller's call {@code callId}; returns quickly. */
    void deliver(String agentId, String callId, ScreenPop pop);
}
