package org.popline.ivr.flow;

import static org.popline.ivr.flow.SettingKind.*;
import static org.popline.ivr.flow.SettingSpec.*;

import java.util.List;

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
    public ActivitySchema schema() {
        return SCHEMA;
    }
}
