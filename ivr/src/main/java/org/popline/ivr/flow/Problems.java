package org.popline.ivr.flow;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem of one flow file, so the author sees them all in one go. */
final class Problems {
    private final String file;
    private final List<String> lines = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void flow(String key, String message) {
        lines.add(file + ": " + key + ": " + message);
    }

    void activity(String activity, String key, String message) {
        lines.add(file + ": activity '" + activity + "': " + key + ": " + message);
    }

    void activity(String activity, String message) {
        lines.add(file + ": activity '" + activity + "': " + message);
    }

    void event(String event, String key, String message) {
        lines.add(file + ": event '" + event + "': " + key + ": " + message);
    }

    void throwIfAny() throws FlowException {
        if (!lines.isEmpty()) {
            throw new FlowException(lines.stream().sorted().distinct().toList());
        }
    }
}
