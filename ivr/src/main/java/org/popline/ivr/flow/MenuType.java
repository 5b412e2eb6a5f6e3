package org.popline.ivr.flow;

import static org.popline.ivr.flow.SettingKind.*;
import static org.popline.ivr.flow.SettingSpec.*;

import java.util.List;

/**
 * Plays a prompt and waits for one key. {@code choices} maps each accepted key to a label (for
 * the trace); every choice key is a required link. After {@code retries} re-prompts on no entry
 * or a key outside the choices, the call takes {@code timeout} or {@code invalid} if linked,
 * else {@code default}, which is required so a menu can never strand a caller.
 */
public final class MenuType implements ActivityType {
    private static final ActivitySchema SCHEMA = new ActivitySchema("menu",
            List.of(
                    required("prompt", TEMPLATE),
                    map("choices", true, MapKeys.PHONE_KEYS, STRING),
                    optional("entry-timeout", DURATION),
                    optional("retries", INTEGER),
                    optional("timeout-prompt", TEMPLATE),
                    optional("invalid-prompt", TEMPLATE),
                    optional("interruptible", BOOLEAN),
                    optional("voice", STRING)),
            LinkSpec.required("default").withOptional("timeout", "invalid").withKeysFrom("choices"));

    @Override
    public ActivitySchema schema() {
        return SCHEMA;
    }
}
