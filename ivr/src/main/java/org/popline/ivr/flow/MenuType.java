package org.popline.ivr.flow;

import static org.popline.ivr.flow.SettingKind.*;
import static org.popline.ivr.flow.SettingSpec.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.popline.ivr.digits.CollectResult;
import org.popline.ivr.digits.DigitCollector;
import org.popline.ivr.digits.MenuResult;
import org.popline.ivr.digits.MenuRunner;
import org.popline.ivr.digits.MenuSpec;

/**
 * Plays a prompt (a {@code prompt} text, an {@code audio} file or several {@code prompts}) and waits for one key. {@code choices} maps each accepted key to a label (for
 * the trace); every choice key is a required link. After {@code retries} re-prompts on no entry
 * or a key outside the choices, the call takes {@code timeout} or {@code invalid} if linked,
 * else {@code default}, which is required so a menu can never strand a caller.
 */
public final class MenuType implements ActivityType {
    private static final ActivitySchema SCHEMA = new ActivitySchema("menu",
            List.of(
                    optional("prompt", TEMPLATE),
                    optional("audio", TEMPLATE),
                    optional("prompts", PROMPTS),
                    map("choices", true, MapKeys.PHONE_KEYS, STRING),
                    optional("entry-timeout", DURATION),
                    optional("retries", INTEGER),
                    optional("timeout-prompt", TEMPLATE),
                    optional("invalid-prompt", TEMPLATE),
                    optional("interruptible", BOOLEAN),
                    optional("voice", STRING)),
            LinkSpec.required("default").withOptional("timeout", "invalid").withKeysFrom("choices"),
            List.of(List.of("prompt", "audio", "prompts")),
            Map.of());

    @Override
    public ActivitySchema schema() {
        return SCHEMA;
    }

    static final Duration DEFAULT_ENTRY_TIMEOUT = Duration.ofSeconds(3);
    public static final String DEFAULT_TIMEOUT_PROMPT = "Sorry, I did not hear your choice.";
    public static final String DEFAULT_INVALID_PROMPT = "Sorry, that is not one of the choices.";

    /** The menu's own prompt, as the runner names it; the apologies are named by their texts. */
    private static final String MAIN_PROMPT = "\u0000menu";

    private final MenuRunner runner = new MenuRunner(new DigitCollector());

    @Override
    public String run(Activity activity, ActivityContext context) throws InterruptedException {
        Settings s = activity.settings();
        List<PromptPart> prompt = Prompts.of(s, "prompt");
        MenuSpec spec = new MenuSpec(
                MAIN_PROMPT,
                Optional.of(s.text("timeout-prompt").orElse(DEFAULT_TIMEOUT_PROMPT)),
                Optional.of(s.text("invalid-prompt").orElse(DEFAULT_INVALID_PROMPT)),
                s.map("choices").keySet().stream().map(k -> k.charAt(0)).collect(Collectors.toSet()),
                s.duration("entry-timeout").orElse(DEFAULT_ENTRY_TIMEOUT),
                s.integer("retries").orElse(MenuSpec.DEFAULT_RETRIES));
        boolean interruptible = s.bool("interruptible").orElse(true);
        MenuResult result = runner.run(spec, (key, ignored) -> Prompts.play(context,
                key.equals(MAIN_PROMPT) ? prompt : List.of(PromptPart.text(key)), s.text("voice"), interruptible),
                context.digits());
        context.output("attempts", result.attempts().stream().map(MenuType::describe).toList());
        if (result instanceof MenuResult.Chosen chosen) {
            String key = String.valueOf(chosen.key());
            context.output("choice", key + " (" + s.map("choices").get(key) + ")");
            return key;
        }
        if (result instanceof MenuResult.Ended) {
            return "ended";
        }
        CollectResult last = result.attempts().get(result.attempts().size() - 1);
        return last instanceof CollectResult.TimedOut ? "timeout" : "invalid";
    }

    static String describe(CollectResult attempt) {
        if (attempt instanceof CollectResult.Entered e) {
            return "entered " + e.digits();
        }
        if (attempt instanceof CollectResult.TimedOut t) {
            return t.partial().isEmpty() ? "timeout" : "timeout after " + t.partial();
        }
        if (attempt instanceof CollectResult.Invalid i) {
            return "invalid " + i.digits();
        }
        return "call ended";
    }

    @Override
    public Optional<String> errorOutcome() {
        return Optional.of("default");
    }

    @Override
    public Optional<String> fallback(String outcome) {
        return outcome.equals("timeout") || outcome.equals("invalid") ? Optional.of("default") : Optional.empty();
    }
}
