package org.popline.ivr.engine;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.popline.ivr.flow.Activity;
import org.popline.ivr.flow.Flow;
import org.popline.ivr.flow.MenuType;
import org.popline.ivr.flow.PromptPart;

/**
 * The prompts of a flow that read no variable, so the server can synthesise them when the flow is
 * loaded and the first caller does not wait for TTS.
 */
public final class StaticPrompts {

    /** One prompt and the voice its activity asks for (empty: the server's voice). */
    public record Prompt(Optional<String> voice, String text) {
    }

    private StaticPrompts() {
    }

    public static Set<Prompt> of(Flow flow) {
        Set<Prompt> prompts = new LinkedHashSet<>();
        for (Activity activity : flow.activities().values()) {
            Optional<String> voice = activity.settings().text("voice");
            activity.settings().prompts("prompts").stream().filter(p -> p.kind() == PromptPart.Kind.TEXT)
                    .forEach(p -> add(prompts, voice, Optional.of(p.template())));
            switch (activity.type()) {
                case "play-message" -> add(prompts, voice, activity.settings().text("text"));
                case "collect-digits" -> add(prompts, voice, activity.settings().text("prompt"));
                case "menu" -> {
                    add(prompts, voice, activity.settings().text("prompt"));
                    add(prompts, voice, Optional.of(activity.settings().text("timeout-prompt")
                            .orElse(MenuType.DEFAULT_TIMEOUT_PROMPT)));
                    add(prompts, voice, Optional.of(activity.settings().text("invalid-prompt")
                            .orElse(MenuType.DEFAULT_INVALID_PROMPT)));
                }
                default -> {
                }
            }
        }
        return prompts;
    }

    private static void add(Set<Prompt> prompts, Optional<String> voice, Optional<String> text) {
        text.filter(t -> !t.contains("{{") && !t.contains("{%") && !t.isBlank())
                .ifPresent(t -> prompts.add(new Prompt(voice, t)));
    }
}
