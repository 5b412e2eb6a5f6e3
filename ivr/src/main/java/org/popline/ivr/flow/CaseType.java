package org.popline.ivr.flow;

import static org.popline.ivr.flow.SettingKind.*;
import static org.popline.ivr.flow.SettingSpec.*;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares a rendered {@code expression} with each case's rendered value, in order, and takes the
 * first case that matches: {@code cases: {gold: "1", silver: "2"}} maps each outcome to its value.
 * Links: every case, and {@code default} when none matches; {@code error} (a template that cannot
 * render) is optional and falls back to {@code default}.
 */
public final class CaseType implements ErrorFallsBack {
    private static final ActivitySchema SCHEMA = new ActivitySchema("case",
            List.of(required("expression", TEMPLATE), map("cases", true, MapKeys.ANY, TEMPLATE)),
            LinkSpec.required("default").withOptional("error").withKeysFrom("cases"));

    @Override
    public ActivitySchema schema() {
        return SCHEMA;
    }

    @Override
    public String run(Activity activity, ActivityContext context) {
        String value = context.render(activity.settings().text("expression").orElseThrow()).trim();
        context.output("value", value);
        for (Map.Entry<String, String> c : activity.settings().map("cases").entrySet()) {
            if (context.render(c.getValue()).trim().equals(value)) {
                return c.getKey();
            }
        }
        return "default";
    }

    @Override
    public String errorFallback() {
        return "default";
    }
}
