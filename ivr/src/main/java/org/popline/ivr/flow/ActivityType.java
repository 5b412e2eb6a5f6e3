package org.popline.ivr.flow;

import java.util.Optional;

/**
 * One kind of flow activity, one class each (the jambonz way: a small class per verb): the schema
 * the loader validates against, and how it runs.
 */
public interface ActivityType {
    ActivitySchema schema();

    default String name() {
        return schema().type();
    }

    /**
     * Runs one activity of this type for one call and names the outcome whose link the flow
     * follows. Inputs and outputs worth seeing later go to the context's trace.
     */
    String run(Activity activity, ActivityContext context) throws InterruptedException;

    /**
     * The outcome taken when the activity fails (a template that cannot render, audio that cannot
     * play), so a failure moves the caller on instead of stranding them: {@code next} where the
     * type has it.
     */
    default Optional<String> errorOutcome() {
        LinkSpec links = schema().links();
        return links.required().contains("next") || links.optional().contains("next")
                ? Optional.of("next") : Optional.empty();
    }

    /** See {@link SideEffectFreeType}. */
    default boolean sideEffectFree() {
        return false;
    }

    /**
     * False for a type that only computes (conditions, variables, screen pops): a loop made of such
     * activities alone would spin its call's thread, so the loader refuses one.
     */
    default boolean waits() {
        return true;
    }

    /** The outcome to follow when {@code outcome} is an optional link the flow left out. */
    default Optional<String> fallback(String outcome) {
        return Optional.empty();
    }
}
