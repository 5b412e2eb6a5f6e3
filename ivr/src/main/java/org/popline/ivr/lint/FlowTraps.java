package org.popline.ivr.lint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.popline.ivr.flow.Activity;
import org.popline.ivr.flow.ExpressionChecker;
import org.popline.ivr.flow.Flow;

/**
 * Warnings about flows that load and run but do the wrong thing: the traps that made the published
 * MS Dynamics template wrong. Each names the activity and says what a caller or agent would get.
 */
public final class FlowTraps {
    private static final Pattern GUID = Pattern.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    /** Query parameters that legitimately carry a fixed id: the CRM app to open, a form. */
    private static final Set<String> FIXED_IDS = Set.of("appid", "formid");

    private final ExpressionChecker expressions;

    public FlowTraps(ExpressionChecker expressions) {
        this.expressions = expressions;
    }

    public List<String> check(String where, Flow flow) {
        List<String> warnings = new ArrayList<>();
        for (Activity a : flow.activities().values()) {
            String prefix = where + ": activity '" + a.name() + "': ";
            switch (a.type()) {
                case "http-request" -> http(flow, a, prefix, warnings);
                case "screen-pop" -> screenPop(a, prefix, warnings);
                case "menu" -> menu(a, prefix, warnings);
                case "condition" -> condition(flow, a, prefix, warnings);
                default -> { }
            }
        }
        return warnings;
    }

    private void http(Flow flow, Activity a, String prefix, List<String> warnings) {
        Set<String> read = new HashSet<>();
        a.settings().text("path").ifPresent(t -> read.addAll(expressions.variablesIn(t)));
        a.settings().text("url").ifPresent(t -> read.addAll(expressions.variablesIn(t)));
        a.settings().map("query").values().forEach(t -> read.addAll(expressions.variablesIn(t)));
        read.remove("connectors");
        if (read.isEmpty() && a.settings().text("connector").isPresent()) {
            warnings.add(prefix + "its query filters on nothing the flow found before it: it reads whatever record the "
                    + "CRM returns first, for every caller (filter on a variable an earlier activity set)");
        }
        String success = a.links().get("success");
        if (success != null && success.equals(a.links().get("error"))) {
            warnings.add(prefix + "nothing handles its failure: a failed or slow request goes on to '" + success
                    + "' as if it had answered, its outputs still at their defaults");
        }
    }

    private static void screenPop(Activity a, String prefix, List<String> warnings) {
        a.settings().text("url").ifPresent(url -> guids(url).forEach(id -> warnings.add(prefix
                + "record id " + id + " is written into the screen pop's URL: every agent opens that same record")));
        a.settings().map("query").forEach((name, value) -> {
            if (!FIXED_IDS.contains(name)) {
                guids(value).forEach(id -> warnings.add(prefix + "record id " + id + " is written into the screen pop ("
                        + name + "): every agent opens that same record, not the caller's"));
            }
        });
    }

    private static List<String> guids(String text) {
        if (text.contains("{{")) {
            text = text.replaceAll("\\{\\{.*?}}", "");
        }
        List<String> found = new ArrayList<>();
        Matcher m = GUID.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private static void menu(Activity a, String prefix, List<String> warnings) {
        if (a.settings().integer("retries").orElse(2) > 0) {
            return;
        }
        boolean retried = a.links().entrySet().stream()
                .filter(l -> Set.of("timeout", "invalid", "default").contains(l.getKey()))
                .anyMatch(l -> l.getValue().equals(a.name()));
        if (!retried) {
            warnings.add(prefix + "a caller who presses nothing or a wrong key gets no second chance: the menu is not "
                    + "offered again (timeout and invalid go to '" + a.links().getOrDefault("default", "?") + "')");
        }
    }

    private void condition(Flow flow, Activity a, String prefix, List<String> warnings) {
        String expression = a.settings().text("expression").orElse("");
        for (String variable : expressions.variablesIn(expression)) {
            String initial = flow.variables().get(variable);
            if (initial == null || initial.isEmpty() || !mentions(expression, initial)) {
                continue;
            }
            for (Activity request : flow.activities().values()) {
                Map<String, String> outputs = request.settings().map("outputs");
                if (request.type().equals("http-request") && outputs.containsKey(variable)) {
                    warnings.add(prefix + "it tests " + variable + " against its default \"" + initial + "\", which '"
                            + request.name() + "' leaves unchanged when the request fails or finds nothing: a CRM "
                            + "failure looks like an unknown caller");
                }
            }
        }
    }

    private static boolean mentions(String expression, String literal) {
        return expression.contains("\"" + literal + "\"") || expression.contains("'" + literal + "'");
    }
}
