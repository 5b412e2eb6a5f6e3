package org.popline.ops.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
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

    private final Counter callsEnded = Counter.builder().name("popline_calls_total")
            .help("Calls ended, by who ended them").labelNames("outcome").withoutExemplars().build();
    private final Counter activityRuns = Counter.builder().name("popline_flow_activity_runs_total")
            .help("Flow activities run, by activity name").labelNames("activity").withoutExemplars().build();
    private final Histogram crmLatency = Histogram.builder().name("popline_crm_request_duration_seconds")
            .help("Requests of flows to the CRM through a connector, retries included")
            .classicOnly().classicUpperBounds(CRM_BUCKETS).withoutExemplars().build();
    private final Counter crmErrors = Counter.builder().name("popline_crm_request_errors_total")
            .help("CRM requests that failed, by how").labelNames("outcome").withoutExemplars().build();

    // Filled once here and only read afterwards, so the maps need no locking; every series exists from the start.
    private final Map<EndedBy, CounterDataPoint> endedBy = new EnumMap<>(EndedBy.class);
    private final Map<HttpResult.Outcome, CounterDataPoint> crmFailures = new EnumMap<>(HttpResult.Outcome.class);

    public CallCounters() {
        for (EndedBy by : EndedBy.values()) {
            endedBy.put(by, callsEnded.labelValues(by.label()));
        }
        for (HttpResult.Outcome failure : new HttpResult.Outcome[] {HttpResult.Outcome.ERROR, HttpResult.Outcome.TIMEOUT}) {
            crmFailures.put(failure, crmErrors.labelValues(failure.name().toLowerCase(Locale.ROOT)));
        }
    }

    public void callEnded(EndedBy by) {
        endedBy.get(by).inc();
    }

    @Override
    public void activityRan(String activity, String type) {
        activityRuns.labelValues(activity).inc();
    }

    @Override
    public void connectorRequest(Duration took, HttpResult.Outcome outcome) {
        crmLatency.observe(took.toNanos() / 1e9);
        CounterDataPoint failures = crmFailures.get(outcome);
        if (failures != null) {
            failures.inc();
        }
    }

    void registerIn(PrometheusRegistry registry) {
        registry.register(callsEnded);
        registry.register(activityRuns);
        registry.register(crmLatency);
        registry.register(crmErrors);
    }
}
