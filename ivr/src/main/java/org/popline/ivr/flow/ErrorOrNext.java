package org.popline.ivr.flow;

import java.util.Optional;

/**
 * A type whose failure takes its {@code error} link where the flow gives one, else goes on to
 * {@code next}: a prompt that cannot play or a text that cannot be parsed does not end the call.
 */
interface ErrorOrNext extends ActivityType {

    @Override
    default Optional<String> errorOutcome() {
        return Optional.of("error");
    }

    @Override
    default Optional<String> fallback(String outcome) {
        return outcome.equals("error") ? Optional.of("next") : Optional.empty();
    }
}
