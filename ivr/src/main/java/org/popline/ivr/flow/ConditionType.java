package org.popline.ivr.flow;

import static org.popline.ivr.flow.SettingKind.*;
import static org.popline.ivr.flow.SettingSpec.*;

import java.util.List;
import java.util.Optional;

/**
 * Evaluates a template such as {@code {{ CustomerID == "NA" }}}. Links: {@code true}, {@code false};
 * {@code error} (a template that cannot render) is optional and falls back to {@code false}.
 */
public final class ConditionType implements SideEffectFreeType, ErrorFallsBack {
    private static final ActivitySchema SCHEMA = new ActivitySchema("condition",
            List.of(required("expression", TEMPLATE)),
            LinkSpec.required("true", "false").withOptional("error"));

    @Override
    public ActivitySchema schema() {
        return SCHEMA;
    }

    @Override
    public String run(Activity activity, ActivityContext context) {
        String value = context.render(activity.settings().text("expression").orElseThrow()).trim();
        context.output("value", value);
        // Anything but "true" is false, so a condition never strands a call.
        return Boolean.toString("true".equalsIgnoreCase(value));
    }

    @Override
    public String errorFallback() {
        return "false";
    }
}
