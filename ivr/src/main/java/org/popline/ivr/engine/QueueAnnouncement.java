package org.popline.ivr.engine;

import java.time.Duration;
import java.util.Optional;

/** What a waiting caller hears about their place in the queue. */
final class QueueAnnouncement {
    private QueueAnnouncement() {
    }

    /** Empty when there is nothing true to say (the caller is being offered to an agent already). */
    static Optional<String> text(int position, Optional<Duration> estimatedWait) {
        if (position < 1) {
            return Optional.empty();
        }
        String place = position == 1 ? "You are next in the queue." : "You are number " + position + " in the queue.";
        return Optional.of(estimatedWait.map(wait -> place + " Your expected wait is " + minutes(wait) + ".")
                .orElse(place));
    }

    private static String minutes(Duration wait) {
        long minutes = Math.round(wait.toSeconds() / 60.0);
        if (minutes < 1) {
            return "less than a minute";
        }
        return minutes == 1 ? "about one minute" : "about " + minutes + " minutes";
    }
}
