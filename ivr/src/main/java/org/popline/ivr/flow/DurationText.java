package org.popline.ivr.flow;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as flow authors write them: {@code 500ms}, {@code 3s}, {@code 2m}. */
final class DurationText {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})(ms|s|m)");

    private DurationText() {
    }

    static Optional<Duration> parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        });
    }
}
