package org.popline.ivr.flow;

import java.util.List;

/**
 * Ends the section it is in: an event handler stops; the main flow stops as if it had run out of
 * activities (a queued caller keeps waiting, anyone else is hung up on). Webex flows end their
 * event handlers with it. No links.
 */
public final class EndType implements ActivityType {
    private static final ActivitySchema SCHEMA = new ActivitySchema("end", List.of(), LinkSpec.none());

    @Override
    public ActivitySchema schema() {
        return SCHEMA;
    }

    @Override
    public String run(Activity activity, ActivityContext context) {
        return "end";
    }
}
