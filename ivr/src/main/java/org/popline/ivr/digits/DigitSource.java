package org.popline.ivr.digits;

import java.time.Duration;
import java.util.Optional;
import org.popline.ivr.Call;

/**
 * Where key presses come from. Keys pressed before a collection starts (typed ahead during an
 * interruptible prompt) must already be waiting here, so they are returned without delay.
 */
@FunctionalInterface
public interface DigitSource {

    /** The next key, waiting up to {@code timeout}; empty on timeout or when no more keys can come. */
    Optional<Character> nextDigit(Duration timeout) throws InterruptedException;

    /**
     * Whether an empty answer meant the end rather than a timeout. {@link Call#nextDigit} answers
     * empty for both, so a bare {@code call::nextDigit} can never report the end; use {@link #of}.
     */
    default boolean ended() {
        return false;
    }

    /** A source that tells a hung-up call from a silent caller, so menus stop re-prompting the dead. */
    static DigitSource of(Call call) {
        return new DigitSource() {
            @Override
            public Optional<Character> nextDigit(Duration timeout) throws InterruptedException {
                return call.nextDigit(timeout);
            }

            @Override
            public boolean ended() {
                return call.ended().isDone();
            }
        };
    }
}
