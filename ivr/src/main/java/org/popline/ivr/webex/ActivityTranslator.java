package org.popline.ivr.webex;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One export activity as a Popline activity: its type, its settings from the properties that
 * carry behaviour (the designer's display copies are ignored), and its ports as links. A port
 * Popline needs that the export leaves unwired ends the section, as Webex does after an unhandled
 * error.
 */
final class ActivityTranslator {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Types Popline does not build; a flow naming one is refused at load. */
    static final Map<String, String> REFUSED = Map.of(
            "ivr-virtualassistant", "virtual agents",
            "ivr-virtualassistantvoice", "virtual agents",
            "start-media-stream", "media streaming",
            "callback", "callback");
    /** A value that is one expression and nothing else: {@code {{ Prompt }}}. */
    private static final Pattern SINGLE_EXPRESSION = Pattern.compile("\\{\\{((?:(?!}}|\\{\\{).)*)}}");
    private static final Map<String, String> SCREEN_POP_TARGETS = Map.of(
            "newBrowserTab", "new-tab", "sameBrowserTab", "existing-tab", "insideDesktop", "inside-desktop");

    private final WebexMapping mapping;
    private final WebexTemplates templates;
    private final Report report;
    private final Supplier<String> unwired;
    private final Map<String, String> variableDefaults;
    private final Set<String> secureActivities;

    /**
     * @param variableDefaults the export's variables and their initial values
     * @param secureActivities the export names of the activities that handle a secure variable
     */
    ActivityTranslator(WebexMapping mapping, WebexTemplates templates, Report report, Supplier<String> unwired,
            Map<String, String> variableDefaults, Set<String> secureActivities) {
        this.mapping = mapping;
        this.templates = templates;
        this.report = report;
        this.unwired = unwired;
        this.variableDefaults = Map.copyOf(variableDefaults);
        this.secureActivities = Set.copyOf(secureActivities);
    }

    /** The activity as Popline's {@code {type, settings, links}}; empty where it has no Popline counterpart. */
    Optional<ObjectNode> translate(String name, JsonNode activity, Map<String, String> ports) {
        String type = WebexGraph.type(activity);
        JsonNode p = activity.path("properties");
        Activity a = new Activity(name, type, p, ports);
        if (REFUSED.containsKey(type)) {
            report.problem(name, "activityName", "'" + type + "' (" + REFUSED.get(type)
                    + ") is not built in Popline; remove the activity or replace it");
            return Optional.empty();
        }
        switch (type) {
            case "set-variable" -> setVariable(a);
            case "play-message" -> playMessage(a);
            case "ivr-menu" -> menu(a);
            case "ivr-collectdigits" -> collectDigits(a);
            case "condition-activity" -> condition(a);
            case "case-statement" -> caseStatement(a);
            case "http-request-v2" -> http(a);
            case "parse-activity" -> parse(a);
            case "queue-contact" -> queueContact(a);
            case "queue-to-agent" -> queueToAgent(a);
            case "queue-lookup" -> queueLookup(a);
            case "play-music" -> playMusic(a);
            case "disconnect-contact" -> a.type("disconnect");
            case "screen-pop" -> screenPop(a);
            case "business-hours" -> businessHours(a);
            case "end" -> a.type("end");
            default -> {
                report.problem(name, "activityName", "unknown activity type '" + type + "'");
                return Optional.empty();
            }
        }
        if (secureActivities.contains(WebexGraph.name(activity))) {
            a.node.put("secure", true);
        }
        return Optional.of(a.node);
    }

    /** The activity being built: its source and its Popline node. */
    private final class Activity {
        final String name;
        final String type;
        final JsonNode p;
        final Map<String, String> ports;
        final ObjectNode node = NODES.objectNode();
        final ObjectNode settings = NODES.objectNode();
        final ObjectNode links = NODES.objectNode();

        Activity(String name, String type, JsonNode p, Map<String, String> ports) {
            this.name = name;
            this.type = type;
            this.p = p;
            this.ports = ports;
        }

        void type(String poplineType) {
            node.put("type", poplineType);
            node.set("settings", settings);
            node.set("links", links);
        }

        String text(String property) {
            JsonNode v = p.path(property);
            return v.isNull() || v.isMissingNode() ? "" : v.asText("").trim();
        }

        String template(String property) {
            return templates.rewrite(text(property));
        }

        /** Links a Popline outcome to the target of the first of these ports that is wired. */
        void link(String outcome, String... webexPorts) {
            for (String port : webexPorts) {
                if (ports.containsKey(port)) {
                    links.put(outcome, ports.get(port));
                    return;
                }
            }
        }

        /** Like {@link #link}, but an outcome Popline requires ends the section when none is wired. */
        void required(String outcome, String... webexPorts) {
            link(outcome, webexPorts);
            if (!links.has(outcome)) {
                links.put(outcome, unwired.get());
            }
        }

        /** Seconds as the export writes them ("30", 30, -1 or null) as a duration; empty when not positive. */
        Optional<String> seconds(String property) {
            String t = text(property);
            if (t.isEmpty()) {
                return Optional.empty();
            }
            try {
                long s = Math.round(Double.parseDouble(t));
                return s > 0 ? Optional.of(s + "s") : Optional.empty();
            } catch (NumberFormatException e) {
                report.problem(name, property, "expected a number of seconds, got '" + t + "'");
                return Optional.empty();
            }
        }

        /** The activity's outputs go to a variable of its name, where the name can be one. */
        void record() {
            if (name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                settings.put("record", name);
            } else {
                report.warn(name, "its outputs ({{" + name + ".…}}) cannot be read: the name is not a variable name");
            }
        }

        Optional<Integer> integer(String property) {
            String t = text(property);
            if (t.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of((int) Math.round(Double.parseDouble(t)));
            } catch (NumberFormatException e) {
                report.problem(name, property, "expected a number, got '" + t + "'");
                return Optional.empty();
            }
        }
    }

    private void setVariable(Activity a) {
        a.type("set-variable");
        ObjectNode values = NODES.objectNode();
        for (JsonNode entry : WebexGraph.assignments(a.p)) {
            assign(a, values, entry);
        }
        a.settings.set("values", values);
        a.required("next", "out", "default");
    }

    private void assign(Activity a, ObjectNode values, JsonNode entry) {
        String variable = entry.path("srcVariable").asText("");
        if (variable.isEmpty()) {
            a.settings.put("values", "");
            report.problem(a.name, "srcVariable", "required");
            return;
        }
        JsonNode expr = entry.path("expr").isNull() || entry.path("expr").isMissingNode() ? entry.path("literal") : entry.path("expr");
        String value = expr.isNull() || expr.isMissingNode() ? "" : expr.asText();
        if (entry.path("setTo").asText().equals("set-to-variable") && !value.isEmpty()) {
            value = WebexTemplates.reading(value);
        }
        values.put(variable, templates.rewrite(value));
    }

    private void playMessage(Activity a) {
        a.type("play-message");
        Prompt prompt = prompt(a);
        prompt.write(a.settings, "text");
        a.required("next", "default");
        a.link("error", "error");
    }

    private void menu(Activity a) {
        a.type("menu");
        prompt(a).write(a.settings, "prompt");
        ObjectNode choices = NODES.objectNode();
        JsonNode keys = a.p.path("menuLinks");
        JsonNode labels = a.p.path("menuLinks_input");
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i).asText();
            choices.put(key, labels.path(i).asText(key));
            a.required(key, key);
        }
        a.settings.set("choices", choices);
        a.seconds("entryTimeout").ifPresent(t -> a.settings.put("entry-timeout", t));
        // Webex asks once: a second chance is built in the flow with a counter, not by the menu.
        a.settings.put("retries", 0);
        a.settings.put("interruptible", a.p.path("interruptible").asBoolean(true));
        a.link("timeout", "timeout");
        a.link("invalid", "invalid");
        a.required("default", "error", "invalid", "timeout");
    }

    private void collectDigits(Activity a) {
        a.type("collect-digits");
        prompt(a).write(a.settings, "prompt");
        a.integer("minDigits").ifPresent(n -> a.settings.put("min", n));
        a.settings.put("max", a.integer("maxDigits").orElse(1));
        a.seconds("entryTimeout").ifPresent(t -> a.settings.put("first-digit-timeout", t));
        a.seconds("interDigitTimeout").ifPresent(t -> a.settings.put("inter-digit-timeout", t));
        String terminator = a.text("terminatorSymbol");
        if (terminator.equals("#") || terminator.equals("*")) {
            a.settings.put("terminator", terminator);
        }
        a.record();
        a.settings.put("interruptible", a.p.path("interruptible").asBoolean(true));
        a.required("success", "default");
        a.required("timeout", "timeout", "error");
        a.required("invalid", "invalid", "error");
    }

    private void condition(Activity a) {
        a.type("condition");
        a.settings.put("expression", a.template("expression"));
        a.required("true", "true");
        a.required("false", "false");
        a.link("error", "error");
    }

    private void caseStatement(Activity a) {
        a.type("case");
        a.settings.put("expression", a.template("expression"));
        ObjectNode cases = NODES.objectNode();
        JsonNode ports = a.p.path("menuLinks");
        JsonNode values = a.p.path("menuLinks_input");
        for (int i = 0; i < ports.size(); i++) {
            String port = ports.get(i).asText();
            cases.put(port, templates.rewrite(values.path(i).asText(port)));
            a.required(port, port);
        }
        a.settings.set("cases", cases);
        a.required("default", "default");
        a.link("error", "error");
    }

    private void http(Activity a) {
        a.type("http-request");
        a.settings.put("method", a.text("httpRequestMethod").isEmpty() ? "GET" : a.text("httpRequestMethod").toUpperCase());
        if (a.p.path("authenticated").asBoolean(false)) {
            String connectorId = a.text("connectorId");
            String connector = mapping.connectors().get(connectorId);
            if (connector == null && mapping.defaultConnector().isEmpty()) {
                report.problem(a.name, "connectorId", "no connector is mapped to '" + connectorId
                        + "' (" + a.text("connectorId:name") + "); map it under webex.connectors");
            }
            a.settings.put("connector", connector != null ? connector : mapping.defaultConnector().orElse(connectorId));
            HttpPath path = HttpPath.split(a.template("httpRequestPath"));
            a.settings.put("path", path.path());
            ObjectNode query = NODES.objectNode();
            path.query().forEach(query::put);
            templatesOf(a.p.path("httpQueryParameters")).forEach(query::put);
            if (!query.isEmpty()) {
                a.settings.set("query", query);
            }
        } else {
            a.settings.put("url", a.template("httpRequestUrl"));
            ObjectNode query = NODES.objectNode();
            templatesOf(a.p.path("httpQueryParameters")).forEach(query::put);
            if (!query.isEmpty()) {
                a.settings.set("query", query);
            }
        }
        ObjectNode headers = NODES.objectNode();
        templatesOf(a.p.path("httpRequestHeaders")).forEach(headers::put);
        if (!a.text("httpRequestBody").isEmpty()) {
            a.settings.put("body", a.template("httpRequestBody"));
            if (!headers.has("Content-Type") && !a.text("httpContentType").isEmpty()) {
                headers.put("Content-Type", a.text("httpContentType").toLowerCase());
            }
        }
        if (!headers.isEmpty()) {
            a.settings.set("headers", headers);
        }
        a.integer("httpResponseTimeout").ifPresent(ms -> a.settings.put("timeout", ms + "ms"));
        a.integer("retryAttempts").ifPresent(n -> a.settings.put("retries", n));
        outputs(a);
        a.record();
        // Webex's request has one port: a failed request leaves its outputs as they were and goes on.
        a.required("success", "default");
        a.required("error", "default");
    }

    private void outputs(Activity a) {
        ObjectNode outputs = NODES.objectNode();
        for (JsonNode o : a.p.path("outputVariableArray")) {
            String variable = o.path("outputVariable").asText("");
            String path = o.path("jsonPathExp").asText("");
            if (!variable.isEmpty() && !path.isEmpty()) {
                outputs.put(variable, path);
            }
        }
        if (!outputs.isEmpty()) {
            a.settings.set("outputs", outputs);
        }
    }

    private Map<String, String> templatesOf(JsonNode map) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        map.properties().forEach(e -> out.put(e.getKey(), templates.rewrite(e.getValue().asText(""))));
        return out;
    }

    private void parse(Activity a) {
        a.type("parse");
        a.settings.put("input", templates.rewrite(WebexTemplates.reading(a.text("inputVariable"))));
        outputs(a);
        a.required("next", "default");
        a.link("error", "error");
    }

    private void queueContact(Activity a) {
        a.type("queue-contact");
        if (a.text("queueRadioGroup").equals("variableQueue") || !a.text("destinationVariable").isEmpty()) {
            a.settings.put("queue", a.template("destinationVariable"));
            report.warn(a.name, "queue from variable " + a.text("destinationVariable")
                    + ": its value must be the name of a configured queue");
        } else {
            a.settings.put("queue", queue(a, "destination", a.text("destination:name")));
        }
        priority(a);
        a.required("queued", "default");
        a.required("failure", "failure", "error");
    }

    private void priority(Activity a) {
        if (!a.text("priorityVariable").isEmpty()) {
            report.warn(a.name, "priority from variable " + a.text("priorityVariable") + " is not read; priority 0");
        } else {
            a.integer("priority").ifPresent(n -> a.settings.put("priority", n));
        }
    }

    private void queueToAgent(Activity a) {
        a.type("queue-contact");
        a.settings.put("queue", queue(a, "reportingQueue", a.text("reportingQueue:name")));
        a.settings.put("agent", a.template("destinationVariable"));
        if (a.text("destinationLookupType").equals("agentEmail")) {
            checkAgentEmail(a);
        }
        priority(a);
        a.required("queued", "default");
        a.required("failure", "error", "failure");
    }

    /**
     * The e-mail a queue-to-agent names, where it is known before the call (written in the activity,
     * or the initial value of the variable it reads), must be a configured agent's: Webex takes the
     * error port for an unknown agent, and so does Popline at run time.
     */
    private void checkAgentEmail(Activity a) {
        String destination = a.text("destinationVariable");
        Matcher variable = SINGLE_EXPRESSION.matcher(destination);
        String email = variable.matches() ? variableDefaults.getOrDefault(variable.group(1).trim(), "") : destination;
        if (!email.isBlank() && !email.contains("{{") && !mapping.agentEmails().contains(email.trim().toLowerCase(Locale.ROOT))) {
            report.warn(a.name, "destinationVariable: no agent has the e-mail '" + email.trim()
                    + "' (agents.<id>.email); a call reaching it takes the error port");
        }
    }

    private void queueLookup(Activity a) {
        a.type("queue-lookup");
        a.settings.put("queue", queue(a, "destination", a.text("destination:name")));
        a.record();
        a.required("next", "default");
        a.link("insufficient-data", "insufficientdata");
        a.link("failure", "failure");
    }

    /** The configured queue an export's queue id stands for. */
    private String queue(Activity a, String property, String displayName) {
        String id = a.text(property);
        String mapped = mapping.queues().get(id);
        if (mapped != null) {
            return mapped;
        }
        if (mapping.queueNames().contains(displayName)) {
            return displayName;
        }
        report.warn(a.name, property + ": unknown queue id '" + id + "' (destination:name "
                + (displayName.isEmpty() ? "not given" : "'" + displayName + "'") + "): using the default queue '"
                + mapping.defaultQueue() + "'; map it under webex.queues");
        return mapping.defaultQueue();
    }

    private void playMusic(Activity a) {
        a.type("play-music");
        String prompt = a.text("prompt").isEmpty() ? WebexMapping.STOCK_MUSIC : a.text("prompt");
        a.settings.put("source", audio(prompt).equals("default") ? "default" : audio(prompt));
        a.seconds("duration").ifPresent(d -> a.settings.put("duration", d));
        a.required("next", "default");
    }

    private void screenPop(Activity a) {
        a.type("screen-pop");
        a.settings.put("url", crmRoot(a.template("screenPopUrl")));
        ObjectNode query = NODES.objectNode();
        templatesOf(a.p.path("queryParameters")).forEach(query::put);
        if (!query.isEmpty()) {
            a.settings.set("query", query);
        }
        String target = a.text("target").isEmpty() ? "newBrowserTab" : a.text("target");
        if (!SCREEN_POP_TARGETS.containsKey(target)) {
            report.problem(a.name, "target", "'" + target + "' is not one of: " + String.join(", ",
                    SCREEN_POP_TARGETS.keySet().stream().sorted().toList()));
        }
        a.settings.put("target", SCREEN_POP_TARGETS.getOrDefault(target, "new-tab"));
        if (!a.text("screenPopDesktopLabel").isEmpty()) {
            a.settings.put("label", a.text("screenPopDesktopLabel"));
        }
        a.link("next", "default");
    }

    /** A Dynamics org's host becomes the configured CRM's root, so the pop opens the CRM Popline talks to. */
    private String crmRoot(String url) {
        if (mapping.crmConnector().isEmpty()) {
            return url;
        }
        return url.replaceFirst("^https?://[^/]+\\.dynamics\\.com/", "{{ connectors." + mapping.crmConnector().get() + ".root }}");
    }

    private void businessHours(Activity a) {
        a.type("business-hours");
        String id = a.text("businessHoursId").isEmpty() ? a.template("businessHoursVariable") : a.text("businessHoursId");
        a.settings.put("schedule", mapping.businessHours().getOrDefault(id, id));
        a.required("workingHours", "workingHours");
        a.required("default", "default");
        a.link("holidays", "holidays");
        a.link("override", "override");
        a.link("error", "error");
    }

    /** A prompt's audio file as Popline plays it: the stock music is the configured music, others are in audio/. */
    private static String audio(String file) {
        return file.equals(WebexMapping.STOCK_MUSIC) ? "default" : WebexMapping.AUDIO_FOLDER + file;
    }

    /**
     * Whether an audio prompt variable's value names an audio file: a template, or one word. The
     * published MS Dynamics template writes a whole sentence there, which Webex speaks: so does Popline.
     */
    private static boolean namesAudio(String value) {
        return !value.isEmpty() && !value.replaceAll("\\{\\{.*?}}", "").matches(".*\\s.*");
    }

    /**
     * The audio file an audio prompt variable plays, found in audio/ like any other: a variable
     * ({@code {{Prompt}}} or {@code Prompt}) holds a file name or a URL, of which the file name
     * counts; a name with templates in it ({@code opt_out_{{lang}}.wav}) is the file name itself.
     */
    private static String audioNamedBy(String value) {
        Matcher expression = SINGLE_EXPRESSION.matcher(value);
        if (expression.matches()) {
            return WebexMapping.AUDIO_FOLDER + "{{ " + expression.group(1).trim() + " | audiofile }}";
        }
        if (value.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            return WebexMapping.AUDIO_FOLDER + "{{ " + value + " | audiofile }}";
        }
        return audio(value);
    }

    /** What a play-message, menu or collect-digits says: its TTS or audio prompts, in order. */
    private Prompt prompt(Activity a) {
        boolean tts = a.p.path("toggle").asBoolean(false);
        JsonNode list = tts ? a.p.path("promptsTts") : a.p.path("prompts");
        List<ObjectNode> parts = new java.util.ArrayList<>();
        for (JsonNode prompt : list) {
            String value = templates.rewrite(prompt.path("value").asText("")).trim();
            String kind = prompt.path("type").asText("");
            if (kind.equals("audioPromptVariable") && namesAudio(value)) {
                parts.add(NODES.objectNode().put("audio", audioNamedBy(value)));
            } else if (kind.equals("audioFile") || value.toLowerCase().endsWith(".wav")) {
                parts.add(NODES.objectNode().put("audio", audio(value)));
            } else if (!value.isBlank()) {
                parts.add(NODES.objectNode().put("text", value.trim()));
            }
        }
        if (parts.isEmpty()) {
            report.problem(a.name, tts ? "promptsTts" : "prompts", "no prompt to play");
        }
        return new Prompt(parts);
    }

    /** One prompt is written as {@code text} (or {@code audio}), several as a {@code prompts} list played in order. */
    private record Prompt(List<ObjectNode> parts) {
        void write(ObjectNode settings, String textKey) {
            if (parts.size() == 1) {
                ObjectNode only = parts.get(0);
                if (only.has("text")) {
                    settings.put(textKey, only.get("text").asText());
                } else {
                    settings.put("audio", only.get("audio").asText());
                }
            } else if (!parts.isEmpty()) {
                settings.putArray("prompts").addAll(parts);
            }
        }
    }

    static Set<String> refusedTypes() {
        return REFUSED.keySet();
    }
}
