package org.popline.ivr.flow;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded, validated flow: variable defaults, the start activity, every activity by name (in
 * file order), and for each event the activity its handler starts at.
 */
public record Flow(
        String name,
        Map<String, String> variables,
        String start,
        Map<String, Activity> activities,
        Map<String, String> events) {

    public Flow {
        variables = ordered(variables);
        activities = ordered(activities);
        events = ordered(events);
    }

    public Optional<Activity> activity(String name) {
        return Optional.ofNullable(activities.get(name));
    }

    private static <V> Map<String, V> ordered(Map<String, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
