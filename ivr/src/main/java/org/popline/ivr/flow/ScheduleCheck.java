package org.popline.ivr.flow;

import java.util.Set;

/**
 * Business-hours activities that name a schedule this server has not configured: refused when the
 * flow loads, not when the first caller reaches them. A schedule read from a variable can only be
 * known at run time, where an unknown one takes the activity's {@code error} link.
 */
final class ScheduleCheck {
    private final Set<String> known;

    ScheduleCheck(Set<String> known) {
        this.known = Set.copyOf(known);
    }

    void check(Flow flow, Problems problems) {
        for (Activity activity : flow.activities().values()) {
            if (!activity.type().equals(BusinessHoursType.NAME)) {
                continue;
            }
            activity.settings().text("schedule")
                    .filter(s -> !s.contains("{{") && !s.contains("{%") && !known.contains(s))
                    .ifPresent(s -> problems.activity(activity.name(), "settings.schedule",
                            "no business hours '" + s + "' are configured (business-hours: "
                                    + (known.isEmpty() ? "none" : String.join(", ", known.stream().sorted().toList()))
                                    + "; a Webex businessHoursId maps to one under webex.business-hours)"));
        }
    }
}
