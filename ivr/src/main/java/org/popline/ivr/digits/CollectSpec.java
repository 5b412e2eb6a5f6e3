package org.popline.ivr.digits;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one entry looks like and how long the caller may take over it.
 *
 * @param firstDigitTimeout how long to wait for the first key; the clock starts when
 *     {@link DigitCollector#collect} is called, which callers do the moment the prompt has ended
 * @param interDigitTimeout how long to wait for each key after the first
 * @param terminator a key that ends the entry early and is not part of it
 * @param validKeys the only keys accepted (menus); empty accepts every key
 */
public record CollectSpec(
        int minDigits,
        int maxDigits,
        Duration firstDigitTimeout,
        Duration interDigitTimeout,
        Optional<Character> terminator,
        Set<Character> validKeys) {

    private static final String DTMF_KEYS = "0123456789*#ABCD";

    public CollectSpec {
        if (minDigits < 1 || maxDigits < minDigits) {
            throw new IllegalArgumentException(
                    "need 1 <= minDigits <= maxDigits, got " + minDigits + ".." + maxDigits);
        }
        requirePositive("firstDigitTimeout", firstDigitTimeout);
        requirePositive("interDigitTimeout", interDigitTimeout);
        Objects.requireNonNull(terminator, "terminator");
        validKeys = Set.copyOf(validKeys);
        terminator.ifPresent(key -> requireDtmf("terminator", key));
        validKeys.forEach(key -> requireDtmf("valid key", key));
        if (terminator.isPresent() && validKeys.contains(terminator.get())) {
            throw new IllegalArgumentException(
                    "terminator " + terminator.get() + " cannot also be a valid key");
        }
    }

    /** One key from {@code keys}, with no terminator, as a menu asks for. */
    public static CollectSpec menu(Set<Character> keys, Duration timeout) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a menu needs at least one key");
        }
        return new CollectSpec(1, 1, timeout, timeout, Optional.empty(), keys);
    }

    boolean accepts(char key) {
        return validKeys.isEmpty() || validKeys.contains(key);
    }

    boolean isTerminator(char key) {
        return terminator.isPresent() && terminator.get() == key;
    }

    private static void requirePositive(String name, Duration timeout) {
        Objects.requireNonNull(timeout, name);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + timeout);
        }
    }

    private static void requireDtmf(String name, char key) {
        if (DTMF_KEYS.indexOf(key) < 0) {
            throw new IllegalArgumentException(name + " '" + key + "' is not a DTMF key");
        }
    }
}
