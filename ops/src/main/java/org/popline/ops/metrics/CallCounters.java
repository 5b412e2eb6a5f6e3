package org.popline.ops.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.popline.ivr.engine.FlowObserver;
import org.popline.ivr.http.HttpResult;
import org.popline.sip.call.EndedBy;

/**
 * What calls did, counted as it happens: calls ended (by whom), flow activities run, and the
 * CRM's latency and failures as callers experienced them (retries included).
 */
public final class CallCounters implements FlowObserver {
    /** From a cached token's quick answer to the reference flow's 2 s timeout with a retry. */
    private static final double[] CRM_BUCKETS = {0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8};

    private final Map<EndedBy, LongAdder> ended = new EnumMap<>(EndedBy.class);
    private final Map<String, LongAdder> activities = new ConcurrentHashMap<>();
    private final Histogram crmLatency = new Histogram(CRM_BUCKETS);
    private final Map<HttpResult.Outcome, LongAdder> crmFailures = new EnumMap<>(HttpResult.Outcome.class);

    public CallCounters() {
        // Filled once here and only read afterwards, so the maps need no locking; every series exists from the start.
        for (EndedBy by : EndedBy.values()) {
            ended.put(by, new LongAdder());
        }
        crmFailures.put(HttpResult.Outcome.ERROR, new LongAdder());
        crmFailures.put(HttpResult.Outcome.TIMEOUT, new LongAdder());
    }

    public void callEnded(EndedBy by) {
        ended.get(by).increment();
    }

    @Override
    public void activityRan(String activity, String type) {
        activities.computeIfAbsent(activity, a -> new LongAdder()).increment();
    }

    @Override
    public void connectorRequest(Duration took, HttpResult.Outcome outcome) {
        crmLatency.observe(took.toNanos() / 1e9);
        LongAdder failures = crmFailures.get(outcome);
        if (failures != null) {
            failures.increment();
        }
    }

    void writeTo(PrometheusText out) {
        out.family("popline_calls_total", "counter", "Calls ended, by who ended them");
        ended.forEach((by, n) -> out.sample("popline_calls_total", n.sum(), "outcome", by.label()));
        out.family("popline_flow_activity_runs_total", "counter", "Flow activities run, by activity name");
        new TreeMap<>(activities).forEach((name, n) -> out.sample("popline_flow_activity_runs_total", n.sum(),
                "activity", name));
        crmLatency.writeTo(out, "popline_crm_request_duration_seconds",
                "Requests of flows to the CRM through a connector, retries included");
        out.family("popline_crm_request_errors_total", "counter", "CRM requests that failed, by how");
        crmFailures.forEach((outcome, n) -> out.sample("popline_crm_request_errors_total", n.sum(), "outcome",
                outcome.name().toLowerCase(Locale.ROOT)));
    }
}
