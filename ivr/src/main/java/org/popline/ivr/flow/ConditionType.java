package org.popline.ivr.flow;

import static org.popline.ivr.flow.SettingKind.*;
import static org.popline.ivr.flow.SettingSpec.*;

import java.util.List;

/** Evaluates a template such as {@code {{ CustomerID == "NA" }}}. Links: {@code true}, {@code false}. */
public final class ConditionType implements ActivityType {
    private static final ActivitySchema SCHEMA = new ActivitySchema("condition",
            List.of(required("expression", TEMPLATE)),
            LinkSpec.required("true", "false"));

    @Override
    public ActivitySchema schema() {
        return SCHEMA;
    }
}
