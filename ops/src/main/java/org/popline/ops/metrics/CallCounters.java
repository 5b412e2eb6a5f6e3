package org.popline.ops.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.popline.ivr.engine.FlowObserver;
import org.popline.ivr.http.HttpResult;
import org.popline.media.tts.FirstFrameListener;
import org.popline.sip.call.EndedBy;

/**
 * What calls did, counted as it happens: calls ended (by whom), flow activities run, the CRM's
 * latency and failures as callers experienced them (retries included), and how long they waited
 * for a spoken prompt's first audio.
 */
public final class CallCounters implements FlowObserver, FirstFrameListener {
    /** From a cached token's quick answer to the reference flow's 2 s timeout with a retry. */
    private static final double[] CRM_BUCKETS = {0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8};
    /** Fine around the 20 ms frame and the 50 ms aim for a streamed prompt; coarse up to a whole synthesis under load. */
    private static final double[] FIRST_FRAME_BUCKETS = {0.005, 0.01, 0.02, 0.03, 0.04, 0.05, 0.075, 0.1, 0.15, 0.25,
            0.5, 1, 2.5, 5};

    private final Counter callsEnded = Counter.builder().name("popline_calls_total")
            .help("Calls ended, by who ended them").labelNames("outcome").withoutExemplars().build();
    private final Counter activityRuns = Counter.builder().name("popline_flow_activity_runs_total")
            .help("Flow activities run, by activity name").labelNames("activity").withoutExemplars().build();
    private final Histogram crmLatency = Histogram.builder().name("popline_crm_request_duration_seconds")
            .help("Requests of flows to the CRM through a connector, retries included")
            .classicOnly().classicUpperBounds(CRM_BUCKETS).withoutExemplars().build();
    private final Histogram firstFrame = Histogram.builder().name("popline_prompt_first_frame_seconds")
            .help("From a call asking for a spoken prompt to its first RTP frame leaving the socket, by whether the "
                    + "prompt was still being synthesised (streamed) or held whole by the cache (cached)")
            .labelNames("synthesis").classicOnly().classicUpperBounds(FIRST_FRAME_BUCKETS).withoutExemplars().build();
    private final DistributionDataPoint firstFrameStreamed = firstFrame.labelValues("streamed");
    private final DistributionDataPoint firstFrameCached = firstFrame.labelValues("cached");
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

    @Override
    public void firstFrameSent(long nanos, boolean streamed) {
        (streamed ? firstFrameStreamed : firstFrameCached).observe(nanos / 1e9);
    }

    void registerIn(PrometheusRegistry registry) {
        registry.register(firstFrame);
        registry.register(callsEnded);
        registry.register(activityRuns);
        registry.register(crmLatency);
        registry.register(crmErrors);
    }
}
