package org.popline.ivr.digits;

import java.time.Duration;
import java.util.Optional;

/**
 * The one place that decides when an entry is complete. The menu and collect-digits activities
 * both come here, so timing rules are written and tested once.
 */
public final class DigitCollector {

    /** Collects one entry; call it as soon as the prompt has ended, as that starts the first-digit wait. */
    public CollectResult collect(DigitSource source, CollectSpec spec) throws InterruptedException {
        StringBuilder digits = new StringBuilder();
        while (true) {
            Duration wait = digits.length() == 0 ? spec.firstDigitTimeout() : spec.interDigitTimeout();
            Optional<Character> next = source.nextDigit(wait);
            if (next.isEmpty()) {
                return afterSilence(source, spec, digits.toString());
            }
            char key = next.get();
            if (spec.isTerminator(key)) {
                return digits.length() >= spec.minDigits()
                        ? new CollectResult.Entered(digits.toString(), true)
                        : new CollectResult.Invalid(digits.toString());
            }
            digits.append(key);
            if (!spec.accepts(key)) {
                return new CollectResult.Invalid(digits.toString());
            }
            if (digits.length() == spec.maxDigits()) {
                return new CollectResult.Entered(digits.toString(), false);
            }
        }
    }

    private static CollectResult afterSilence(DigitSource source, CollectSpec spec, String digits) {
        if (source.ended()) {
            return new CollectResult.Ended();
        }
        return digits.length() >= spec.minDigits()
                ? new CollectResult.Entered(digits, false)
                : new CollectResult.TimedOut(digits);
    }
}
