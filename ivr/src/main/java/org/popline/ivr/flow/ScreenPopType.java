package org.popline.ivr.flow;

import static org.popline.ivr.flow.SettingKind.*;
import static org.popline.ivr.flow.SettingSpec.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.popline.ivr.ScreenPop;
import org.popline.ivr.http.QueryStrings;

/**
 * Opens a page on the agent desktop: {@code url} plus {@code query} parameters from templates.
 * Links: {@code next} is optional; without it the event handler ends here.
 */
public final class ScreenPopType implements ActivityType {
    private static final ActivitySchema SCHEMA = new ActivitySchema("screen-pop",
            List.of(
                    required("url", TEMPLATE),
                    map("query", false, MapKeys.ANY, TEMPLATE),
                    oneOf("target", false, "new-tab", "existing-tab", "inside-desktop"),
                    optional("label", STRING)),
            new LinkSpec(List.of(), List.of("next"), null));

    @Override
    public boolean waits() {
        return false;
    }

    @Override
    public ActivitySchema schema() {
        return SCHEMA;
    }

    /**
     * Parameters that render empty are left out, so one screen-pop can serve a known case
     * ({@code id} set) and a new one ({@code id} empty).
     */
    @Override
    public String run(Activity activity, ActivityContext context) {
        Settings s = activity.settings();
        String url = url(s, context::render);
        ScreenPop pop = new ScreenPop(url, s.text("target").orElse("new-tab"), s.text("label").orElse(activity.name()));
        context.output("url", url);
        context.output("target", pop.target());
        context.call().screenPop(pop);
        return "next";
    }

    /** The page a screen-pop opens, its templates rendered by {@code render}. */
    public static String url(Settings s, UnaryOperator<String> render) {
        Map<String, String> query = new LinkedHashMap<>();
        s.map("query").forEach((name, template) -> query.put(name, render.apply(template)));
        return QueryStrings.append(render.apply(s.text("url").orElseThrow()), query, true);
    }
}
