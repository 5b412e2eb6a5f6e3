package org.popline.ivr.flow;

import static org.popline.ivr.flow.SettingKind.*;
import static org.popline.ivr.flow.SettingSpec.*;

import java.util.List;

/**
 * Collects several keys {@code into} a variable. Links: {@code success}; {@code timeout} when
 * nothing was pressed; {@code invalid} when fewer than {@code min} keys came.
 */
public final class CollectDigitsType implements ActivityType {
    private static final ActivitySchema SCHEMA = new ActivitySchema("collect-digits",
            List.of(
                    optional("prompt", TEMPLATE),
                    optional("min", INTEGER),
                    required("max", INTEGER),
                    optional("first-digit-timeout", DURATION),
                    optional("inter-digit-timeout", DURATION),
                    oneOf("terminator", false, "#", "*"),
                    required("into", VARIABLE),
                    optional("interruptible", BOOLEAN)),
            LinkSpec.required("success", "timeout", "invalid"));

    @Override
    public ActivitySchema schema() {
        return SCHEMA;
    }
}
