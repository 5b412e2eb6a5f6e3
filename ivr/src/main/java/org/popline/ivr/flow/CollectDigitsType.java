package org.popline.ivr.flow;

import static org.popline.ivr.flow.SettingKind.*;
import static org.popline.ivr.flow.SettingSpec.*;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.popline.ivr.digits.CollectResult;
import org.popline.ivr.digits.CollectSpec;
import org.popline.ivr.digits.DigitCollector;

/**
 * Collects several keys {@code into} a variable, or into {@code record}'s {@code DigitsEntered}
 * (as Webex flows read them: {@code {{ GetAccount.DigitsEntered }}}). The prompt is a
 * {@code prompt} text, an {@code audio} file or several {@code prompts} in order. Links: {@code success}; {@code timeout} when
 * nothing was pressed; {@code invalid} when fewer than {@code min} keys came.
 */
public final class CollectDigitsType implements ActivityType {
    private static final ActivitySchema SCHEMA = new ActivitySchema("collect-digits",
            List.of(
                    optional("prompt", TEMPLATE),
                    optional("audio", TEMPLATE),
                    optional("prompts", PROMPTS),
                    optional("min", INTEGER),
                    required("max", INTEGER),
                    optional("first-digit-timeout", DURATION),
                    optional("inter-digit-timeout", DURATION),
                    oneOf("terminator", false, "#", "*"),
                    optional("into", VARIABLE),
                    optional("record", VARIABLE),
                    optional("interruptible", BOOLEAN)),
            LinkSpec.required("success", "timeout", "invalid"),
            List.of(List.of("into", "record")),
            Map.of());

    @Override
    public ActivitySchema schema() {
        return SCHEMA;
    }

    static final Duration DEFAULT_FIRST_DIGIT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_INTER_DIGIT_TIMEOUT = Duration.ofSeconds(3);

    private final DigitCollector collector = new DigitCollector();

    @Override
    public String run(Activity activity, ActivityContext context) throws InterruptedException {
        Settings s = activity.settings();
        int max = s.integer("max").orElseThrow();
        CollectSpec spec = new CollectSpec(
                s.integer("min").orElse(1), max,
                s.duration("first-digit-timeout").orElse(DEFAULT_FIRST_DIGIT_TIMEOUT),
                s.duration("inter-digit-timeout").orElse(DEFAULT_INTER_DIGIT_TIMEOUT),
                s.text("terminator").map(t -> t.charAt(0)), Set.of());
        Prompts.play(context, Prompts.of(s, "prompt"), Optional.empty(), s.bool("interruptible").orElse(true));
        CollectResult result = collector.collect(context.digits(), spec);
        context.output("result", MenuType.describe(result));
        if (result instanceof CollectResult.Entered entered) {
            s.text("into").ifPresent(into -> context.set(into, entered.digits()));
            s.text("record").ifPresent(name -> context.record(name, Map.of("DigitsEntered", entered.digits())));
            return "success";
        }
        if (result instanceof CollectResult.TimedOut timedOut) {
            return timedOut.partial().isEmpty() ? "timeout" : "invalid";
        }
        return result instanceof CollectResult.Invalid ? "invalid" : "ended";
    }

    @Override
    public Optional<String> errorOutcome() {
        return Optional.of("invalid");
    }
}
