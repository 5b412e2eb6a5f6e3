package org.popline.ivr.webex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.popline.ivr.flow.FlowEvents;
import org.popline.ivr.flow.FlowException;
import org.popline.ivr.flow.FlowFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a Flow Designer export ({@code .json}) as a Popline flow: the main process from its start
 * activity, and the global event handlers Popline raises (AgentAnswered, AgentOffered,
 * PhoneContactEnded, OnGlobalError), activity names kept. Activities nothing reaches, and
 * handlers of events Popline does not raise, are left out with a warning.
 */
public final class WebexTranslator implements FlowFormat {
    private static final Logger log = LoggerFactory.getLogger(WebexTranslator.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Webex's event names (as {@code onEvents} keys them) to Popline's. */
    static final Map<String, String> EVENTS = Map.of(
            "AgentContactAssigned", FlowEvents.AGENT_ANSWERED,
            "AgentOfferContact", FlowEvents.AGENT_OFFERED,
            "ContactEnded", FlowEvents.CALL_ENDED,
            "GlobalErrorHandling", FlowEvents.GLOBAL_ERROR);
    /** Where a port the export leaves unwired goes when Popline needs a link: the end of the section. */
    static final String UNWIRED = "UnwiredPort";

    private final WebexMapping mapping;

    public WebexTranslator(WebexMapping mapping) {
        this.mapping = mapping;
    }

    @Override
    public boolean reads(String where) {
        return where.toLowerCase(Locale.ROOT).endsWith(".json");
    }

    @Override
    public JsonNode translate(String where, String text) throws FlowException {
        Translation translation = convert(where, text);
        translation.warnings().forEach(w -> log.warn("{}", w));
        return translation.flow();
    }

    /** The export as Popline's flow model, with the warnings of the way. */
    public Translation convert(String where, String text) throws FlowException {
        JsonNode root = WebexExport.read(where, text);
        Report report = new Report(where);
        WebexGraph main = new WebexGraph(root.path("process"));
        JsonNode global = root.path("eventFlows").path("eventsMap").path("GLOBAL_EVENTS");
        WebexGraph events = new WebexGraph(global.path("process"));

        ObjectNode flow = NODES.objectNode();
        flow.put("name", root.path("name").asText("webex-flow"));
        ObjectNode variables = variables(root.path("variables"));
        flow.set("variables", variables);

        Optional<String> startId = main.activities().entrySet().stream()
                .filter(e -> e.getValue().path("group").asText().equals("start")).map(Map.Entry::getKey).findFirst();
        if (startId.isEmpty()) {
            report.problem("process: no start activity (NewPhoneContact)");
            report.throwIfProblems();
        }
        JsonNode start = main.activity(startId.get()).orElseThrow();
        WebexTemplates templates = new WebexTemplates(WebexGraph.name(start));
        Names names = new Names();
        Map<String, String> mainStarts = new LinkedHashMap<>();
        String first = main.ports(startId.get()).get("out");
        if (first == null) {
            report.problem("activity '" + WebexGraph.name(start) + "': links.out: the start activity leads nowhere");
            report.throwIfProblems();
        }
        mainStarts.put("start", first);
        Map<String, String> eventStarts = eventStarts(global, events, report);

        ObjectNode activities = NODES.objectNode();
        Map<String, String> defaults = new LinkedHashMap<>();
        variables.properties().forEach(e -> defaults.put(e.getKey(), e.getValue().asText()));
        ActivityTranslator translator = new ActivityTranslator(mapping, templates, report, names::unwired, defaults,
                SecureActivities.of(root.path("variables"), List.of(main, events)));
        translate(main, mainStarts.values(), names, translator, activities, report);
        translate(events, eventStarts.values(), names, translator, activities, report);
        if (names.unwiredUsed()) {
            ObjectNode end = NODES.objectNode();
            end.put("type", "end");
            activities.set(names.unwired(), end);
        }
        flow.put("start", names.of(main, first));
        ObjectNode eventsNode = NODES.objectNode();
        eventStarts.forEach((event, id) -> eventsNode.set(event, NODES.objectNode().put("start", names.of(events, id))));
        Set<String> starts = new HashSet<>();
        starts.add(flow.path("start").asText());
        eventsNode.forEach(e -> starts.add(e.path("start").asText()));
        flow.set("activities", reachable(activities, starts, report));
        flow.set("events", eventsNode);
        report.throwIfProblems();
        return new Translation(flow, report.warnings());
    }

    /**
     * The activities the translated links reach: a port Popline has no outcome for (a
     * play-message's error) leads nowhere, so what only it reached is left out.
     */
    private static ObjectNode reachable(ObjectNode activities, Set<String> starts, Report report) {
        Set<String> reached = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(starts);
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (activities.has(name) && reached.add(name)) {
                activities.path(name).path("links").forEach(target -> pending.add(target.asText()));
            }
        }
        ObjectNode kept = NODES.objectNode();
        activities.properties().forEach(e -> {
            if (reached.contains(e.getKey())) {
                kept.set(e.getKey(), e.getValue());
            } else if (!e.getValue().path("type").asText().equals("end")) {
                report.warn(e.getKey(), "reached only through a port Popline has no outcome for; left out");
            }
        });
        return kept;
    }

    private static ObjectNode variables(JsonNode list) {
        ObjectNode variables = NODES.objectNode();
        for (JsonNode v : list) {
            JsonNode value = v.path("value");
            variables.put(v.path("name").asText(), value.isNull() || value.isMissingNode() ? "" : value.asText());
        }
        return variables;
    }

    /** Popline's event to the id of the first activity of its handler, for the events Popline raises. */
    private static Map<String, String> eventStarts(JsonNode global, WebexGraph events, Report report) {
        Map<String, String> starts = new LinkedHashMap<>();
        global.path("onEvents").properties().forEach(e -> {
            String target = events.ports(e.getValue().asText()).get("out");
            String event = EVENTS.get(e.getKey());
            boolean doesNothing = target == null
                    || events.activity(target).map(a -> WebexGraph.type(a).equals("end")).orElse(true);
            if (event != null && target != null) {
                starts.put(event, target);
            } else if (!doesNothing) {
                report.warn("event '" + e.getKey() + "': Popline does not raise it; its handler is left out");
            }
        });
        return starts;
    }

    /** Translates every activity reachable from {@code starts}; the rest are left out with a warning. */
    private static void translate(WebexGraph graph, Iterable<String> starts, Names names, ActivityTranslator translator,
            ObjectNode out, Report report) {
        Set<String> reached = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>();
        starts.forEach(pending::add);
        while (!pending.isEmpty()) {
            String id = pending.pop();
            Optional<JsonNode> activity = graph.activity(id);
            if (activity.isEmpty() || !reached.add(id)) {
                continue;
            }
            Map<String, String> ports = new LinkedHashMap<>();
            graph.ports(id).forEach((port, target) -> {
                if (graph.activity(target).isPresent()) {
                    ports.put(port, names.of(graph, target));
                    pending.add(target);
                }
            });
            String name = names.of(graph, id);
            translator.translate(name, activity.get(), ports).ifPresent(node -> out.set(name, node));
        }
        graph.activities().forEach((id, activity) -> {
            String group = activity.path("group").asText();
            if (!reached.contains(id) && !group.equals("start") && !group.equals("event")
                    && !WebexGraph.type(activity).equals("end")) {
                report.warn(WebexGraph.name(activity), "nothing leads to it; left out");
            }
        });
    }

    /** Popline names for export activities: their own, made unique across the main flow and the handlers. */
    private static final class Names {
        private final Map<WebexGraph, Map<String, String>> byGraph = new HashMap<>();
        private final Set<String> taken = new HashSet<>();
        private String unwired;

        String of(WebexGraph graph, String id) {
            return byGraph.computeIfAbsent(graph, g -> new HashMap<>()).computeIfAbsent(id, k -> unique(
                    graph.activity(id).map(WebexGraph::name).orElse(id)));
        }

        boolean unwiredUsed() {
            return unwired != null;
        }

        String unwired() {
            if (unwired == null) {
                unwired = unique(UNWIRED);
            }
            return unwired;
        }

        private String unique(String name) {
            String candidate = name;
            for (int i = 2; !taken.add(candidate); i++) {
                candidate = name + "_" + i;
            }
            return candidate;
        }
    }
}
