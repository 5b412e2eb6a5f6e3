package org.popline.ivr.flow;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks that every variable a template reads is declared in {@code variables:}, written by some
 * activity ({@link SettingKind#VARIABLE} settings and {@link MapKeys#VARIABLES} map keys), or
 * built in. A misspelt variable would otherwise render as empty text in front of a caller.
 */
final class VariableCheck {
    /** Provided by the engine for every call: {@code call.ani}, {@code call.id}, {@code connectors.NAME.root}. */
    static final Set<String> BUILT_IN = Set.of("call", "connectors");

    private final ActivityTypes types;
    private final ExpressionChecker expressions;
    private final Problems problems;

    VariableCheck(ActivityTypes types, ExpressionChecker expressions, Problems problems) {
        this.types = types;
        this.expressions = expressions;
        this.problems = problems;
    }

    void check(Flow flow) {
        Set<String> known = new HashSet<>(BUILT_IN);
        known.addAll(flow.variables().keySet());
        forEachSetting(flow, (activity, spec, key, value) -> {
            if (spec.kind() == SettingKind.VARIABLE) {
                known.add(value);
            }
        });
        for (Activity activity : flow.activities().values()) {
            schemaOf(activity).ifPresent(schema -> schema.settings().stream()
                    .filter(s -> s.keys() == MapKeys.VARIABLES)
                    .forEach(s -> known.addAll(activity.settings().map(s.name()).keySet())));
        }
        forEachSetting(flow, (activity, spec, key, value) -> {
            if (spec.kind() == SettingKind.TEMPLATE || spec.valueKind() == SettingKind.TEMPLATE
                    || spec.kind() == SettingKind.PROMPTS) {
                expressions.variablesIn(value).stream()
                        .filter(v -> !known.contains(v))
                        .sorted()
                        .forEach(v -> problems.activity(activity.name(), key,
                                "unknown variable '" + v + "' (not in variables and not set by any activity)"));
            }
        });
    }

    private interface SettingVisitor {
        void visit(Activity activity, SettingSpec spec, String key, String value);
    }

    /** Visits every text value, including each entry of a map setting and each prompt of a list. */
    private void forEachSetting(Flow flow, SettingVisitor visitor) {
        for (Activity activity : flow.activities().values()) {
            schemaOf(activity).ifPresent(schema -> {
                for (SettingSpec spec : schema.settings()) {
                    String key = "settings." + spec.name();
                    if (spec.kind() == SettingKind.MAP) {
                        for (Map.Entry<String, String> e : activity.settings().map(spec.name()).entrySet()) {
                            visitor.visit(activity, spec, key + "." + e.getKey(), e.getValue());
                        }
                    } else if (spec.kind() == SettingKind.PROMPTS) {
                        List<PromptPart> parts = activity.settings().prompts(spec.name());
                        for (int i = 0; i < parts.size(); i++) {
                            visitor.visit(activity, spec, key + "[" + i + "]." + parts.get(i).kind().key(),
                                    parts.get(i).template());
                        }
                    } else {
                        Object value = activity.settings().asMap().get(spec.name());
                        if (value instanceof String text) {
                            visitor.visit(activity, spec, key, text);
                        }
                    }
                }
            });
        }
    }

    private Optional<ActivitySchema> schemaOf(Activity activity) {
        return types.find(activity.type()).map(ActivityType::schema);
    }
}
