package org.popline.ivr.digits;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Offers a menu until the caller picks a valid key, the retries run out, or the call ends. All
 * prompts are interruptible so a caller who knows the menu never has to sit through it.
 */
public final class MenuRunner {

    private final DigitCollector collector;

    public MenuRunner(DigitCollector collector) {
        this.collector = collector;
    }

    public MenuResult run(MenuSpec spec, Prompter prompter, DigitSource source)
            throws InterruptedException {
        CollectSpec collectSpec = spec.collectSpec();
        List<CollectResult> attempts = new ArrayList<>();
        Optional<String> apology = Optional.empty();
        while (true) {
            if (apology.isPresent()) {
                prompter.play(apology.get(), true);
            }
            prompter.play(spec.prompt(), true);
            CollectResult result = collector.collect(source, collectSpec);
            attempts.add(result);
            if (result instanceof CollectResult.Entered entered) {
                return new MenuResult.Chosen(entered.digits().charAt(0), attempts);
            }
            if (result instanceof CollectResult.Ended) {
                return new MenuResult.Ended(attempts);
            }
            if (attempts.size() > spec.retries()) {
                return new MenuResult.Defaulted(attempts);
            }
            apology = result instanceof CollectResult.TimedOut ? spec.timeoutPrompt() : spec.invalidPrompt();
        }
    }
}
