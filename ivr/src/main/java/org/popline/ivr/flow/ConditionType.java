package org.popline.ivr.flow;

import static org.popline.ivr.flow.SettingKind.*;
import static org.popline.ivr.flow.SettingSpec.*;

import java.util.List;
import java.util.Optional;

/** Evaluates a template such as {@code {{ CustomerID == "NA" }}}. Links: {@code true}, {@code false}. */
public final class ConditionType implements ActivityType {
    private static final ActivitySchema SCHEMA = new ActivitySchema("condition",
            List.of(required("expression", TEMPLATE)),
            LinkSpec.required("true", "false"));

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
        String value = context.render(activity.settings().text("expression").orElseThrow()).trim();
        context.output("value", value);
        return Boolean.toString(holds(value));
    }

    /** Anything but "true" is false, so a condition never strands a call. */
    public static boolean holds(String rendered) {
        return "true".equalsIgnoreCase(rendered.trim());
    }

    @Override
    public Optional<String> errorOutcome() {
        return Optional.of("false");
    }
}
