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
        String clean = text.length() > 4 * MAX ? text.substring(0, 4 * MAX) : text;
        clean = clean.replaceAll("[^\\x21-\\x7e]+", "?");
        return clean.length() > MAX ? clean.substring(0, MAX) + "..." : clean;
    }
}
