package org.popline.ivr.flow;

import static org.popline.ivr.flow.SettingKind.*;
import static org.popline.ivr.flow.SettingSpec.*;

import java.util.List;

/** Puts the caller in a queue. Links: {@code queued} (normally to music), {@code failure}. */
public final class QueueContactType implements ActivityType {
    private static final ActivitySchema SCHEMA = new ActivitySchema("queue-contact",
            List.of(required("queue", STRING), optional("priority", INTEGER)),
            LinkSpec.required("queued", "failure"));

    @Override
    public ActivitySchema schema() {
        return SCHEMA;
    }
}
