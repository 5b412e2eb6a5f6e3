package org.popline.ivr.digits;

/**
 * Plays a prompt by key and returns when it has finished (or, if interruptible, when a key was
 * pressed; that key must stay in the {@link DigitSource}). Keys, not texts, so the menu stays free
 * of templates and voices.
 */
@FunctionalInterface
public interface Prompter {
    void play(String promptKey, boolean interruptible) throws InterruptedException;
}
