package org.popline.ivr.digits;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A menu as the flow file declares it.
 *
 * @param timeoutPrompt played before the main prompt is repeated after silence; empty repeats it alone
 * @param invalidPrompt played before the main prompt is repeated after a wrong key; empty repeats it alone
 * @param retries how many times the menu is offered again before the default is taken
 */
public record MenuSpec(
        String prompt,
        Optional<String> timeoutPrompt,
        Optional<String> invalidPrompt,
        Set<Character> keys,
        Duration entryTimeout,
        int retries) {

    public static final int DEFAULT_RETRIES = 2;

    public MenuSpec {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(timeoutPrompt, "timeoutPrompt");
        Objects.requireNonNull(invalidPrompt, "invalidPrompt");
        keys = Set.copyOf(keys);
        // Built once here only for its checks, so a bad menu fails when the flow loads, not mid-call.
        CollectSpec.menu(keys, entryTimeout);
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative, got " + retries);
        }
    }

    public MenuSpec(String prompt, String timeoutPrompt, String invalidPrompt,
            Set<Character> keys, Duration entryTimeout) {
        this(prompt, Optional.of(timeoutPrompt), Optional.of(invalidPrompt), keys, entryTimeout,
                DEFAULT_RETRIES);
    }

    CollectSpec collectSpec() {
        return CollectSpec.menu(keys, entryTimeout);
    }
}
