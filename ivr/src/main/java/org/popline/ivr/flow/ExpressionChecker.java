package org.popline.ivr.flow;

import java.util.List;
import java.util.Set;

/**
 * Checks the expressions inside a flow file at load time. The template engine and the JSONPath
 * wrapper live in their own packages and implement this, so the loader stays independent of
 * both.
 */
public interface ExpressionChecker {

    /** What is wrong with {@code text} as an expression of {@code kind}; empty when it is fine. */
    List<String> problems(ExpressionKind kind, String text);

    /**
     * The variables a valid template reads, by their first name segment ({@code call} for
     * {@code {{ call.ani }}}), so the loader can report variables nothing declares or sets.
     */
    Set<String> variablesIn(String template);
}
