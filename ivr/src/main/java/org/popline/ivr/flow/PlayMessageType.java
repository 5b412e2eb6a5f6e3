package org.popline.ivr.flow;

import static org.popline.ivr.flow.SettingKind.*;
import static org.popline.ivr.flow.SettingSpec.*;

import java.util.List;
import java.util.Map;

/** Speaks a {@code text} template or plays an {@code audio} file, optionally cut short by a key. Links: {@code next}. */
public final class PlayMessageType implements ActivityType {
    private static final ActivitySchema SCHEMA = new ActivitySchema("play-message",
            List.of(
                    optional("text", TEMPLATE),
                    optional("audio", STRING),
                    optional("voice", STRING),
                    optional("interruptible", BOOLEAN)),
            LinkSpec.required("next"),
            List.of(List.of("text", "audio")),
            Map.of());

    @Override
    public ActivitySchema schema() {
        return SCHEMA;
    }
}
