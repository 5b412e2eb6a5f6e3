package org.popline.ivr.flow;

/**
 * An activity type that acts only through the context's render, set, screenPop, input and output,
 * so the screen-pop preview may run it on a copy of a call's variables.
 */
public interface SideEffectFreeType extends ActivityType {

    @Override
    default boolean sideEffectFree() {
        return true;
    }
}
