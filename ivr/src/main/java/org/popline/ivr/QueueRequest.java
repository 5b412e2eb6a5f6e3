package org.popline.ivr;

import java.util.Optional;

/**
 * What a flow asks of a queue.
 *
 * @param callerName who the caller is, for the agent's phone display; empty when unknown
 * @param screenPopUrl the page the agent will see when they answer, for phones that show a
 *     Call-Info link; empty when the flow pops nothing
 * @param caseNumber the caller's case as the agent's page shows it while their phone rings; empty when unknown
 * @param agent the one agent (id or e-mail) who should take the call, the queue reporting it; empty: any agent
 */
public record QueueRequest(String queue, int priority, Optional<String> callerName, Optional<String> screenPopUrl,
        Optional<String> caseNumber, Optional<String> agent) {

    /** A request any agent of the queue may take. */
    public QueueRequest(String queue, int priority, Optional<String> callerName, Optional<String> screenPopUrl,
            Optional<String> caseNumber) {
        this(queue, priority, callerName, screenPopUrl, caseNumber, Optional.empty());
    }

    /** A request that names no case. */
    public QueueRequest(String queue, int priority, Optional<String> callerName, Optional<String> screenPopUrl) {
        this(queue, priority, callerName, screenPopUrl, Optional.empty());
    }
}
