package org.popline.media.dtmf;

import java.util.Optional;

/**
 * One key press, whichever way it reached us. The three paths deliver this same type
 * so that menus and digit collection never care how the caller's phone sends DTMF.
 *
 * @param digit          one of {@code 0-9 * # A B C D}
 * @param durationMillis how long the key was held as far as known when delivered;
 *                       0 when the path does not say (yet)
 * @param source         which path it came by
 */
public record DtmfDigit(char digit, int durationMillis, Source source) {

    /** The telephone-event codes 0-15 in order (RFC 4733 section 3.2). */
    private static final String EVENT_DIGITS = "0123456789*#ABCD";

    public enum Source { RFC4733, SIP_INFO, INBAND }

    public DtmfDigit {
        if (EVENT_DIGITS.indexOf(digit) < 0) {
            throw new IllegalArgumentException("not a DTMF digit: '" + digit + "'");
        }
        if (durationMillis < 0) {
            throw new IllegalArgumentException("negative duration: " + durationMillis);
        }
        if (source == null) {
            throw new IllegalArgumentException("source is required");
        }
    }

    /** The digit of a telephone-event code; empty for codes that are not DTMF (16 is flash). */
    public static Optional<Character> forEvent(int event) {
        if (event < 0 || event >= EVENT_DIGITS.length()) {
            return Optional.empty();
        }
        return Optional.of(EVENT_DIGITS.charAt(event));
    }

    /** The telephone-event code of a digit; lower-case a-d are accepted as A-D. */
    public static int eventOf(char digit) {
        int event = EVENT_DIGITS.indexOf(Character.toUpperCase(digit));
        if (event < 0) {
            throw new IllegalArgumentException("not a DTMF digit: '" + digit + "'");
        }
        return event;
    }

    /** The same press with its final duration, reported when it ends. */
    public DtmfDigit withDuration(int millis) {
        return new DtmfDigit(digit, millis, source);
    }
}
