package org.popline.media;

/**
 * Text a peer chose (a Call-ID, a caller's number) made fit for a log line: cut short and stripped
 * to printable characters, so that a request cannot write kilobytes of junk, or a line of its own,
 * into the log.
 */
public final class PeerText {
    private static final int MAX = 80;

    private PeerText() {
    }

    public static String printable(String text) {
        if (text == null) {
            return "";
        }
        if (text.length() <= MAX && text.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            // The usual case (every Call-ID and number logged on every call): no copy.
            return text;
        }
        String cut = text.length() > 4 * MAX ? text.substring(0, 4 * MAX) : text;
        StringBuilder clean = new StringBuilder(Math.min(cut.length(), MAX + 1));
        boolean inJunk = false;
        for (int i = 0; i < cut.length() && clean.length() <= MAX; i++) {
            char c = cut.charAt(i);
            boolean printable = c >= 0x21 && c <= 0x7e;
            if (printable) {
                clean.append(c);
            } else if (!inJunk) {
                clean.append('?');
            }
            inJunk = !printable;
        }
        return clean.length() > MAX ? clean.substring(0, MAX) + "..." : clean.toString();
    }
}
