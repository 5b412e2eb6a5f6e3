package org.popline.ivr.webex;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Webex expressions in Popline's template terms: the start activity's outputs
 * ({@code NewPhoneContact.ANI}, {@code .ani}, {@code .DNIS}, {@code .InteractionId}) become the
 * engine's call object. Everything else Webex writes (filters, {@code is even}, {@code %},
 * {@code now()}) Popline's templates read as they are.
 */
final class WebexTemplates {
    private final Pattern startOutputs;

    WebexTemplates(String startName) {
        startOutputs = Pattern.compile("(?<![\\w.])" + Pattern.quote(startName) + "\\.(ANI|ani|DNIS|dnis|InteractionId|interactionId)\\b");
    }

    String rewrite(String template) {
        if (template == null || !template.contains("{{") && !template.contains("{%")) {
            return template;
        }
        Matcher m = startOutputs.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String field = switch (m.group(1)) {
                case "ANI", "ani" -> "call.ani";
                case "DNIS", "dnis" -> "call.dnis";
                default -> "call.id";
            };
            m.appendReplacement(out, field);
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A variable's name as a template reading it, unless it already is a template. */
    static String reading(String variable) {
        return variable.contains("{{") ? variable : "{{ " + variable + " }}";
    }
}
