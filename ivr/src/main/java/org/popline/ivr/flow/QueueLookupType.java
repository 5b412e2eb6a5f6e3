package org.popline.ivr.flow;

import static org.popline.ivr.flow.SettingKind.*;
import static org.popline.ivr.flow.SettingSpec.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.popline.ivr.QueueException;
import org.popline.ivr.QueueStatus;

/**
 * Asks the ACD where a caller joining {@code queue} now would stand, without joining it, into
 * {@code record}: {@code PIQ} (position in queue) and {@code EWT} (expected wait, seconds), as
 * Webex flows read them ({@code {{ Lookup.EWT }}}). Links: {@code next}; {@code insufficient-data}
 * when the queue cannot estimate the wait; {@code failure} (no such queue); both optional, falling
 * back to {@code next}.
 */
public final class QueueLookupType implements ActivityType {
    private static final ActivitySchema SCHEMA = new ActivitySchema("queue-lookup",
            List.of(required("queue", TEMPLATE), required("record", VARIABLE)),
            LinkSpec.required("next").withOptional("insufficient-data", "failure"));

    @Override
    public ActivitySchema schema() {
        return SCHEMA;
    }

    @Override
    public String run(Activity activity, ActivityContext context) {
        String queue = context.render(activity.settings().text("queue").orElseThrow());
        String record = activity.settings().text("record").orElseThrow();
        context.input("queue", queue);
        QueueStatus status;
        try {
            status = context.call().queueStatus(queue);
        } catch (QueueException e) {
            context.output("failure", e.getMessage());
            return "failure";
        }
        Object ewt = status.expectedWait().<Object>map(Duration::toSeconds).orElse("");
        context.record(record, Map.of("PIQ", status.position(), "EWT", ewt));
        context.output("PIQ", status.position());
        context.output("EWT", status.expectedWait().map(d -> d.toSeconds() + "s").orElse("(unknown)"));
        return status.expectedWait().isPresent() ? "next" : "insufficient-data";
    }

    @Override
    public Optional<String> errorOutcome() {
        return Optional.of("failure");
    }

    @Override
    public Optional<String> fallback(String outcome) {
        return outcome.equals("failure") || outcome.equals("insufficient-data") ? Optional.of("next") : Optional.empty();
    }
}
