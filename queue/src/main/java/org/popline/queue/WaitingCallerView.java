package org.popline.queue;

import java.util.List;

/**
 * One waiting caller in a {@link QueueView}.
 *
 * @param ringing the agents whose phones ring for this caller now
 */
public record WaitingCallerView(String callId, String ani, int priority, long waitedSeconds, int position,
        List<String> ringing) {

    public WaitingCallerView {
        ringing = List.copyOf(ringing);
    }
}
