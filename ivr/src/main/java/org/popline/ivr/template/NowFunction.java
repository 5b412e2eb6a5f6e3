package org.popline.ivr.template;

import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * {@code now()}: the current time in UTC as Webex flows receive it, {@code 2025-01-31T14:05:09.123Z},
 * so their {@code now() | date("HH:mm", existingFormat="yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")} works unchanged.
 */
final class NowFunction implements Function {
    static final String NAME = "now";
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Clock clock;

    NowFunction(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<String> getArgumentNames() {
        return List.of();
    }

    @Override
    public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int lineNumber) {
        return FORMAT.format(clock.instant());
    }
}
