package org.popline.ivr.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One activity as it ran for one call.
 *
 * @param section {@code main} or the event whose handler ran it
 * @param outcome what the activity answered ({@code success}, a menu key...); null if it failed without one
 * @param next the activity the flow went to, null where the section ended
 * @param digits keys taken while it ran
 * @param error why it failed, if it did
 */
public record TraceStep(
        String section,
        String activity,
        String type,
        Instant startedAt,
        Instant endedAt,
        Map<String, Object> inputs,
        Map<String, Object> outputs,
        String outcome,
        String next,
        List<String> digits,
        String error) {
}
