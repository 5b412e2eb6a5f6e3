package org.popline.ivr.flow;

import static org.popline.ivr.flow.SettingKind.*;
import static org.popline.ivr.flow.SettingSpec.*;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    @Override
    public String run(Activity activity, ActivityContext context) throws InterruptedException {
        Settings s = activity.settings();
        boolean interruptible = s.bool("interruptible").orElse(false);
        Optional<String> text = s.text("text");
        if (text.isPresent()) {
            String spoken = context.render(text.get());
            context.input("text", spoken);
            Prompts.await(context.call().say(spoken, s.text("voice"), interruptible));
        } else {
            String audio = s.text("audio").orElseThrow();
            context.input("audio", audio);
            Prompts.await(context.call().playFile(audio, false, interruptible));
        }
        return "next";
    }
}
