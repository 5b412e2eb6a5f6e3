package org.popline.ivr.flow;

import static org.popline.ivr.flow.SettingKind.*;
import static org.popline.ivr.flow.SettingSpec.*;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Plays music on hold for {@code duration}, or the source's length. Links: {@code next}, often
 * back to itself; the agent-answered event is what ends the wait.
 */
public final class PlayMusicType implements ActivityType {
    private static final ActivitySchema SCHEMA = new ActivitySchema("play-music",
            List.of(required("source", STRING), optional("duration", DURATION), optional("loop", BOOLEAN)),
            LinkSpec.required("next"));

    @Override
    public ActivitySchema schema() {
        return SCHEMA;
    }

    /** The configured music on hold; any other source is a WAV file in the configuration folder. */
    public static final String DEFAULT_SOURCE = "default";

    @Override
    public String run(Activity activity, ActivityContext context) throws InterruptedException {
        Settings s = activity.settings();
        String source = s.text("source").orElseThrow();
        Optional<Duration> duration = s.duration("duration");
        context.input("source", source);
        duration.ifPresent(d -> context.input("duration", d.toString()));
        boolean loop = s.bool("loop").orElse(true);
        context.hold(duration, () -> DEFAULT_SOURCE.equals(source)
                ? context.call().playMusic()
                : context.call().playFile(source, loop, false));
        return "next";
    }
}
