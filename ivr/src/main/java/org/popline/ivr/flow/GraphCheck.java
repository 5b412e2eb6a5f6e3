package org.popline.ivr.flow;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Checks the flow as a graph: every link names a known outcome and an existing activity, every
 * required outcome is linked, the start and event activities exist, and every activity can be
 * reached from the start or from an event handler (an unreachable one is usually a typo in a link).
 */
final class GraphCheck {
    private final ActivityTypes types;
    private final Problems problems;

    GraphCheck(ActivityTypes types, Problems problems) {
        this.types = types;
        this.problems = problems;
    }

    void check(Flow flow) {
        if (!flow.start().isEmpty() && !flow.activities().containsKey(flow.start())) {
            problems.flow("start", "no activity named '" + flow.start() + "'");
        }
        flow.events().forEach((event, start) -> {
            if (!flow.activities().containsKey(start)) {
                problems.event(event, "start", "no activity named '" + start + "'");
            }
        });
        for (Activity activity : flow.activities().values()) {
            types.find(activity.type()).ifPresent(type -> checkLinks(flow, activity, type.schema()));
        }
        checkReachable(flow);
    }

    private void checkLinks(Flow flow, Activity activity, ActivitySchema schema) {
        Set<String> required = new LinkedHashSet<>(schema.links().required());
        if (schema.links().keysFromSetting() != null) {
            required.addAll(activity.settings().map(schema.links().keysFromSetting()).keySet());
        }
        Set<String> known = new LinkedHashSet<>(required);
        known.addAll(schema.links().optional());
        for (Map.Entry<String, String> link : activity.links().entrySet()) {
            String key = "links." + link.getKey();
            if (!known.contains(link.getKey())) {
                problems.activity(activity.name(), key, known.isEmpty()
                        ? "unknown outcome (" + schema.type() + " has no links)"
                        : "unknown outcome (expected one of: " + String.join(", ", known) + ")");
            } else if (!flow.activities().containsKey(link.getValue())) {
                problems.activity(activity.name(), key, "no activity named '" + link.getValue() + "'");
            }
        }
        for (String outcome : required) {
            if (!activity.links().containsKey(outcome)) {
                problems.activity(activity.name(), "links." + outcome, "required link missing");
            }
        }
    }

    private void checkReachable(Flow flow) {
        Set<String> reached = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        pending.add(flow.start());
        pending.addAll(flow.events().values());
        while (!pending.isEmpty()) {
            Activity activity = flow.activities().get(pending.pop());
            if (activity != null && reached.add(activity.name())) {
                pending.addAll(activity.links().values());
            }
        }
        for (String name : flow.activities().keySet()) {
            if (!reached.contains(name)) {
                problems.activity(name, "unreachable from start and from every event handler");
            }
        }
    }
}
