package org.popline.ivr.digits;

import java.util.List;

/** How a menu ended, with every attempt's outcome in order, for the call trace. */
public sealed interface MenuResult {

    List<CollectResult> attempts();

    default int attemptCount() {
        return attempts().size();
    }

    record Chosen(char key, List<CollectResult> attempts) implements MenuResult {
        public Chosen {
            attempts = List.copyOf(attempts);
        }
    }

    /** Every attempt timed out or was invalid; the flow takes the menu's default link. */
    record Defaulted(List<CollectResult> attempts) implements MenuResult {
        public Defaulted {
            attempts = List.copyOf(attempts);
        }
    }

    record Ended(List<CollectResult> attempts) implements MenuResult {
        public Ended {
            attempts = List.copyOf(attempts);
        }
    }
}
