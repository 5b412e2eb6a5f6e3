package org.popline.ivr.flow;

import java.util.Optional;

/**
 * A type whose failure takes its {@code error} link where the flow gives one, else the link
 * {@link #errorFallback()} names: a prompt that cannot play, a text that cannot be parsed or an
 * expression that cannot be rendered does not end the call.
 */
interface ErrorFallsBack extends ActivityType {

    /** The link a failure takes when the flow has no {@code error} link. */
    String errorFallback();

    @Override
    default Optional<String> errorOutcome() {
        return Optional.of("error");
    }

    @Override
    default Optional<String> fallback(String outcome) {
        return outcome.equals("error") ? Optional.of(errorFallback()) : Optional.empty();
    }
}
