package org.popline.ivr.flow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the flow as a graph: every link names a known outcome and an existing activity, every
 * required outcome is linked, the start and event activities exist, every activity can be
 * reached from the start or from an event handler (an unreachable one is usually a typo in a link),
 * and no loop is made only of activities that never wait (conditions, variables, screen pops): such
 * a loop would keep its call's thread busy for good.
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
        checkLoopsThatNeverWait(flow);
    }

    /** Depth-first over the activities that never wait; a link back into the current path is a loop. */
    private void checkLoopsThatNeverWait(Flow flow) {
        Set<String> done = new HashSet<>();
        for (String name : flow.activities().keySet()) {
            if (!done.contains(name) && !waits(flow, name)) {
                findLoop(flow, name, new ArrayList<>(), done);
            }
        }
    }

    private void findLoop(Flow flow, String name, List<String> path, Set<String> done) {
        int onPath = path.indexOf(name);
        if (onPath >= 0) {
            List<String> loop = new ArrayList<>(path.subList(onPath, path.size()));
            loop.add(name);
            problems.activity(name, "in a loop that never waits: " + String.join(" -> ", loop)
                    + " (put an activity that plays audio, collects digits or calls HTTP in it)");
            return;
        }
        if (done.contains(name) || waits(flow, name)) {
            return;
        }
        path.add(name);
        for (String next : new LinkedHashSet<>(flow.activities().get(name).links().values())) {
            findLoop(flow, next, path, done);
        }
        path.remove(path.size() - 1);
        done.add(name);
    }

    /** True for an activity that waits for something, and for a link to nowhere (reported elsewhere). */
    private boolean waits(Flow flow, String name) {
        Activity activity = flow.activities().get(name);
        return activity == null || types.find(activity.type()).map(ActivityType::waits).orElse(true);
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
