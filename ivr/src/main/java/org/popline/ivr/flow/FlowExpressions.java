package org.popline.ivr.flow;

import java.util.List;
import java.util.Set;
import org.popline.ivr.jsonpath.JsonPaths;
import org.popline.ivr.template.TemplateException;
import org.popline.ivr.template.Templates;

/** The loader's expression checks done by the real engines: Pebble templates and json-path. */
public final class FlowExpressions implements ExpressionChecker {
    private final Templates templates;

    public FlowExpressions(Templates templates) {
        this.templates = templates;
    }

    @Override
    public List<String> problems(ExpressionKind kind, String text) {
        try {
            if (kind == ExpressionKind.TEMPLATE) {
                templates.compile(text);
            } else {
                JsonPaths.compile(text);
            }
            return List.of();
        } catch (TemplateException | IllegalArgumentException e) {
            return List.of(e.getMessage());
        }
    }

    @Override
    public Set<String> variablesIn(String template) {
        return templates.compile(template).variables();
    }
}
