package org.popline.ivr.flow;

import static org.popline.ivr.flow.SettingKind.*;
import static org.popline.ivr.flow.SettingSpec.*;

import java.util.List;

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
}
