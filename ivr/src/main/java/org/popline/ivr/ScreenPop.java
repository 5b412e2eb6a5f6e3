package org.popline.ivr;

/**
 * A page to open on the agent's desktop when they answer.
 *
 * @param url the full URL, query string included
 * @param target {@code new-tab}, {@code existing-tab} or {@code inside-desktop}
 * @param label what the desktop calls the link (for blocked pop-ups)
 */
public record ScreenPop(String url, String target, String label) {
}
