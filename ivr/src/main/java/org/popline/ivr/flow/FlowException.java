package org.popline.ivr.flow;

import java.util.List;

/**
 * A flow file that cannot be used. The message has one line per problem, each naming the file,
 * the activity (or top-level section) and the key, sorted so related problems sit together.
 */
public final class FlowException extends Exception {
    private final List<String> problems;

    public FlowException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
