package org.popline.desk;

import java.util.Map;
import org.popline.ivr.ScreenPop;

/**
 * A screen pop waiting for one of the agent's pages to show it.
 *
 * @param id names this pop: a page that has shown it says so with this id, and it is not sent again
 */
public record PendingPop(String id, String agentId, String callId, ScreenPop pop) {

    /** What the page's pop event carries. */
    Map<String, Object> forPage() {
        return Map.of("id", id, "callId", callId, "url", pop.url(),
                "label", pop.label() == null ? "Screen pop" : pop.label(),
                "target", pop.target() == null ? "new-tab" : pop.target());
    }
}
