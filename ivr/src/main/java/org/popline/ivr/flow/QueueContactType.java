package org.popline.ivr.flow;

import static org.popline.ivr.flow.SettingKind.*;
import static org.popline.ivr.flow.SettingSpec.*;

import java.util.List;
import java.util.Optional;
import org.popline.ivr.QueueEntry;
import org.popline.ivr.QueueException;

/** Puts the caller in a queue. Links: {@code queued} (normally to music), {@code failure}. */
public final class QueueContactType implements ActivityType {
    private static final ActivitySchema SCHEMA = new ActivitySchema("queue-contact",
            List.of(required("queue", TEMPLATE), optional("priority", INTEGER)),
            LinkSpec.required("queued", "failure"));

    @Override
    public ActivitySchema schema() {
        return SCHEMA;
    }

    @Override
    public String run(Activity activity, ActivityContext context) {
        String queue = context.render(activity.settings().text("queue").orElseThrow());
        int priority = activity.settings().integer("priority").orElse(0);
        context.input("queue", queue);
        context.input("priority", priority);
        try {
            QueueEntry entry = context.call().enqueue(queue, priority);
            context.queued(entry);
            return "queued";
        } catch (QueueException e) {
            context.output("failure", e.getMessage());
            return "failure";
        }
    }

    @Override
    public Optional<String> errorOutcome() {
        return Optional.of("failure");
    }
}
