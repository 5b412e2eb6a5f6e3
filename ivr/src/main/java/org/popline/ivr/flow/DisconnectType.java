package org.popline.ivr.flow;

import static org.popline.ivr.flow.SettingKind.*;
import static org.popline.ivr.flow.SettingSpec.*;

import java.util.List;

/** Hangs up. It ends the flow, so it has no links. */
public final class DisconnectType implements ActivityType {
    private static final ActivitySchema SCHEMA = new ActivitySchema("disconnect", List.of(), LinkSpec.none());

    @Override
    public ActivitySchema schema() {
        return SCHEMA;
    }

    @Override
    public String run(Activity activity, ActivityContext context) {
        context.disconnect();
        return "done";
    }
}
