package org.popline.queue;

import java.time.Instant;

/** Something that happened in the ACD, for logs and the agent page: an agent changed state, or a caller moved on. */
public sealed interface AcdEvent permits AgentEvent, CallerEvent {

    Instant at();
}
