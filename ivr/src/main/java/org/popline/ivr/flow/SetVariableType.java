package org.popline.ivr.flow;

import static org.popline.ivr.flow.SettingKind.*;
import static org.popline.ivr.flow.SettingSpec.*;

import java.util.List;

/** Sets flow variables from templates: {@code values: {CustomerType: Existing}}. Links: {@code next}. */
public final class SetVariableType implements ActivityType {
    private static final ActivitySchema SCHEMA = new ActivitySchema("set-variable",
            List.of(map("values", true, MapKeys.VARIABLES, TEMPLATE)),
            LinkSpec.required("next"));

    @Override
    public boolean waits() {
        return false;
    }

    @Override
    public ActivitySchema schema() {
        return SCHEMA;
    }

    @Override
    public String run(Activity activity, ActivityContext context) {
        for (var entry : activity.settings().map("values").entrySet()) {
            String value = context.render(entry.getValue());
            context.set(entry.getKey(), value);
            context.output(entry.getKey(), value);
        }
        return "next";
    }
}
