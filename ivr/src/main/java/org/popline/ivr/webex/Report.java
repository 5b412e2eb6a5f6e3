package org.popline.ivr.webex;

import java.util.ArrayList;
import java.util.List;
import org.popline.ivr.flow.FlowException;

/** The problems and warnings of one export's translation, worded like the flow loader's. */
final class Report {
    private final String where;
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    Report(String where) {
        this.where = where;
    }

    void problem(String activity, String property, String message) {
        problems.add(where + ": activity '" + activity + "': " + property + ": " + message);
    }

    void problem(String message) {
        problems.add(where + ": " + message);
    }

    void warn(String activity, String message) {
        warnings.add(where + ": activity '" + activity + "': " + message);
    }

    void warn(String message) {
        warnings.add(where + ": " + message);
    }

    List<String> warnings() {
        return warnings;
    }

    void throwIfProblems() throws FlowException {
        if (!problems.isEmpty()) {
            throw new FlowException(problems.stream().sorted().distinct().toList());
        }
    }
}
