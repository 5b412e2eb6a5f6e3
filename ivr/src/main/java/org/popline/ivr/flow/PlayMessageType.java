package org.popline.ivr.flow;

import static org.popline.ivr.flow.SettingKind.*;
import static org.popline.ivr.flow.SettingSpec.*;

import java.util.List;
import java.util.Map;

/**
 * Speaks a {@code text} template or plays an {@code audio} file (its name may be a template, as in
 * {@code opt_out_{{lang}}.wav}), or plays several {@code prompts} in order, optionally cut short by
 * a key. Links: {@code next}; {@code error} when a prompt cannot be played (an audio file a variable
 * names that is not there), else {@code next}, so the caller is not left in silence.
 */
public final class PlayMessageType implements ErrorFallsBack {
    private static final ActivitySchema SCHEMA = new ActivitySchema("play-message",
            List.of(
                    optional("text", TEMPLATE),
                    optional("audio", TEMPLATE),
                    optional("prompts", PROMPTS),
                    optional("voice", STRING),
                    optional("interruptible", BOOLEAN)),
            LinkSpec.required("next").withOptional("error"),
            List.of(List.of("text", "audio", "prompts")),
            Map.of());

    @Override
    public ActivitySchema schema() {
        return SCHEMA;
    }

    @Override
    public String run(Activity activity, ActivityContext context) throws InterruptedException {
        Settings s = activity.settings();
        boolean interruptible = s.bool("interruptible").orElse(false);
        Prompts.play(context, Prompts.of(s, "text"), s.text("voice"), interruptible);
        return "next";
    }

    @Override
    public String errorFallback() {
        return "next";
    }
}
