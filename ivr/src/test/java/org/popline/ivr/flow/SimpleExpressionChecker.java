package org.popline.ivr.flow;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Stands in for the template engine and the JSONPath wrapper: just enough rules to test the loader. */
final class SimpleExpressionChecker implements ExpressionChecker {
    private static final Pattern FIRST_NAME = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)");

    @Override
    public List<String> problems(ExpressionKind kind, String text) {
        if (kind == ExpressionKind.JSONPATH) {
            return text.startsWith("$") ? List.of() : List.of("must start with $");
        }
        int opened = text.split("\\{\\{", -1).length - 1;
        int closed = text.split("}}", -1).length - 1;
        return opened == closed ? List.of() : List.of("unclosed {{");
    }

    @Override
    public Set<String> variablesIn(String template) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = FIRST_NAME.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
