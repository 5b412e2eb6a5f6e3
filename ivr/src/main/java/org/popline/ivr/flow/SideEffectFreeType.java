package org.popline.ivr.flow;

/**
 * An activity type that acts only through the context's render, set, screenPop, input and output,
 * so the screen-pop preview may run it on a copy of a call's variables. It never waits, so a loop
 * made of such activities alone would spin its call's thread.
 */
public interface SideEffectFreeType extends ActivityType {

    @Override
    default boolean sideEffectFree() {
        return true;
    }

    @Override
    default boolean waits() {
        return false;
    }
}
