package org.popline.ivr.digits;

/** How one entry ended; every case carries what the caller typed, for the call trace. */
public sealed interface CollectResult {

    /** @param terminated whether the terminator key ended the entry (rather than maxDigits or a pause) */
    record Entered(String digits, boolean terminated) implements CollectResult {}

    /** The caller stopped typing before minDigits; {@code partial} may be empty. */
    record TimedOut(String partial) implements CollectResult {}

    /** A key outside the valid set (the last of {@code digits}), or the terminator before minDigits. */
    record Invalid(String digits) implements CollectResult {}

    /** The call ended, so nobody is left to act on a partial entry. */
    record Ended() implements CollectResult {}
}
