package org.popline.ivr.flow;

import static org.popline.ivr.flow.SettingKind.*;
import static org.popline.ivr.flow.SettingSpec.*;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.popline.ivr.hours.BusinessHours;

/**
 * Branches on the configured business hours named {@code schedule} (the server's
 * {@code business-hours} configuration): {@code workingHours}, {@code holidays}, {@code override},
 * else {@code default}. {@code holidays} and {@code override} are optional and fall back to
 * {@code default}; an unknown schedule takes {@code error}, optional as well.
 */
public final class BusinessHoursType implements ActivityType {
    static final String NAME = "business-hours";
    private static final ActivitySchema SCHEMA = new ActivitySchema(NAME,
            List.of(required("schedule", TEMPLATE)),
            LinkSpec.required("workingHours", "default").withOptional("holidays", "override", "error"));

    @Override
    public ActivitySchema schema() {
        return SCHEMA;
    }

    @Override
    public String run(Activity activity, ActivityContext context) {
        String name = context.render(activity.settings().text("schedule").orElseThrow());
        context.input("schedule", name);
        BusinessHours hours = context.businessHours(name)
                .orElseThrow(() -> new IllegalStateException("no business hours '" + name + "' are configured"));
        ZonedDateTime now = ZonedDateTime.now(context.clock());
        BusinessHours.State state = hours.at(now);
        context.output("at", now.withZoneSameInstant(hours.zone()).toLocalDateTime().toString());
        return state.outcome();
    }

    @Override
    public Optional<String> errorOutcome() {
        return Optional.of("error");
    }

    @Override
    public Optional<String> fallback(String outcome) {
        return outcome.equals("error") || outcome.equals("holidays") || outcome.equals("override")
                ? Optional.of("default") : Optional.empty();
    }
}
