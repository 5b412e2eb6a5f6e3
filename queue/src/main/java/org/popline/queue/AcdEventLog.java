package org.popline.queue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one INFO line per ACD event. An offer or an answer moves the agent and the caller at
 * once; the agent's line names the call, so the caller's line is left to DEBUG.
 */
public final class AcdEventLog implements AcdListener {
    private static final Logger log = LoggerFactory.getLogger(Acd.class);

    @Override
    public void onEvent(AcdEvent event) {
        if (event instanceof AgentEvent agent) {
            log.info("agent {}: {} -> {}{}{}", agent.agentId(), agent.from(), agent.to(),
                    agent.reason().map(reason -> " (" + reason + ")").orElse(""),
                    agent.callerCallId().map(call -> ", call " + call).orElse(""));
        } else if (event instanceof CallerEvent caller) {
            switch (caller.kind()) {
                case QUEUED -> log.info("call {} queued in {}", caller.callId(), caller.queue());
                case OFFERED -> log.debug("call {} in {} offered to {}", caller.callId(), caller.queue(), caller.agentId().orElseThrow());
                case ANSWERED -> log.debug("call {} in {} answered by {}", caller.callId(), caller.queue(), caller.agentId().orElseThrow());
                case LEFT -> log.info("call {} left {}", caller.callId(), caller.queue());
                case GAVE_UP -> log.info("{} gave up on call {}", caller.queue(), caller.callId());
            }
        }
    }
}
