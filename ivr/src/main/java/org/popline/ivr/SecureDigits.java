package org.popline.ivr;

/**
 * How keys pressed while a flow collects something personal (a PIN, a card number) appear wherever
 * a call is shown or recorded: as a mask with their count, never as the keys.
 */
public final class SecureDigits {
    private SecureDigits() {
    }

    /** {@code ***(4)} for four keys: the count helps tell a short entry from a long one, the keys stay secret. */
    public static String mask(int count) {
        return "***(" + count + ")";
    }
}
