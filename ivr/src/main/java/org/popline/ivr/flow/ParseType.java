package org.popline.ivr.flow;

import static org.popline.ivr.flow.SettingKind.*;
import static org.popline.ivr.flow.SettingSpec.*;

import java.util.List;
import java.util.Optional;
import org.popline.ivr.jsonpath.JsonPaths;

/**
 * Reads values out of JSON held in a variable: {@code input} is a template giving the JSON text,
 * {@code outputs} maps variables to JSONPaths. A path that finds nothing leaves its variable as it
 * was. Links: {@code next}; {@code error} (input that is not JSON) is optional and falls back to
 * {@code next}.
 */
public final class ParseType implements ErrorFallsBack {
    private static final ActivitySchema SCHEMA = new ActivitySchema("parse",
            List.of(required("input", TEMPLATE), map("outputs", true, MapKeys.VARIABLES, JSONPATH)),
            LinkSpec.required("next").withOptional("error"));

    @Override
    public ActivitySchema schema() {
        return SCHEMA;
    }

    @Override
    public String run(Activity activity, ActivityContext context) {
        String json = context.render(activity.settings().text("input").orElseThrow());
        context.input("input", json.length() <= 200 ? json : json.substring(0, 200) + "...");
        for (var output : activity.settings().map("outputs").entrySet()) {
            Optional<String> value = JsonPaths.readText(JsonPaths.compile(output.getValue()), json);
            value.ifPresent(v -> context.set(output.getKey(), v));
            context.output(output.getKey(), value.orElse("(no value: unchanged)"));
        }
        return "next";
    }

    @Override
    public String errorFallback() {
        return "next";
    }
}
