package org.popline.ivr.engine;

import java.time.Duration;
import java.util.List;
import org.popline.ivr.http.HttpResult;

/**
 * What the flow engine tells the server that runs it, for metrics and call records. The engine
 * calls it on the call's flow thread; it must return quickly and never throw. It lives here, not in
 * the server, so that ivr depends on nothing above it.
 */
public interface FlowObserver {

    /** Tells nothing to no one: for flows run without a server (tests, tools). */
    FlowObserver NONE = new FlowObserver() {
    };

    /** Tells each of {@code observers}, in this order. */
    static FlowObserver all(FlowObserver... observers) {
        List<FlowObserver> each = List.of(observers);
        return new FlowObserver() {
            @Override
            public void activityRan(String activity, String type) {
                each.forEach(o -> o.activityRan(activity, type));
            }

            @Override
            public void connectorRequest(Duration took, HttpResult.Outcome outcome) {
                each.forEach(o -> o.connectorRequest(took, outcome));
            }

            @Override
            public void finished(FlowReport report) {
                each.forEach(o -> o.finished(report));
            }
        };
    }

    /** An activity has run (once per visit: a menu asked twice counts twice). */
    default void activityRan(String activity, String type) {
    }

    /**
     * A request through a connector (the CRM) ended.
     *
     * @param took the whole request, retries and backoff included: what the caller waited
     */
    default void connectorRequest(Duration took, HttpResult.Outcome outcome) {
    }

    /** The call's flow is over, however it ended (also when it failed or was interrupted). */
    default void finished(FlowReport report) {
    }
}
