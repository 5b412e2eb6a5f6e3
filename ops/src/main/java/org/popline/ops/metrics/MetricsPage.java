package org.popline.ops.metrics;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;
import org.popline.media.MediaEngine;
import org.popline.media.tts.PromptCache;
import org.popline.queue.CallDistributor;
import org.popline.queue.AgentState;
import org.popline.queue.AgentView;
import org.popline.queue.QueueView;
import org.popline.ops.cdr.CdrWriter;

/** {@code GET /metrics}: the counters, plus gauges read from the server's parts at each scrape. */
public final class MetricsPage {
    public static final String CONTENT_TYPE = PrometheusText.CONTENT_TYPE;

    private final CallCounters counters;
    private final IntSupplier activeCalls;
    private final CallDistributor acd;
    private final MediaEngine media;
    private final PromptCache prompts;
    private final CdrWriter cdrs;

    public MetricsPage(CallCounters counters, IntSupplier activeCalls, CallDistributor acd, MediaEngine media, PromptCache prompts,
            CdrWriter cdrs) {
        this.counters = counters;
        this.activeCalls = activeCalls;
        this.acd = acd;
        this.media = media;
        this.prompts = prompts;
        this.cdrs = cdrs;
    }

    public String render() {
        PrometheusText out = new PrometheusText();
        out.family("popline_calls_active", "gauge", "Calls in progress")
                .sample("popline_calls_active", activeCalls.getAsInt());
        counters.writeTo(out);
        queues(out);
        agents(out);
        out.family("popline_rtp_streams_open", "gauge", "RTP sessions open, callers' and agents' legs")
                .sample("popline_rtp_streams_open", media.openSessionCount());
        out.family("popline_media_clock_late_frames_total", "counter",
                        "20 ms frames the media clock skipped because it fell behind")
                .sample("popline_media_clock_late_frames_total", media.lateTicks());
        out.family("popline_rtp_foreign_packets_total", "counter", "RTP/RTCP packets dropped by strict RTP").sample("popline_rtp_foreign_packets_total", media.foreignPackets());
        out.family("popline_tts_cache_hits_total", "counter", "Prompts found in the TTS cache")
                .sample("popline_tts_cache_hits_total", prompts.hits());
        out.family("popline_tts_cache_misses_total", "counter", "Prompts that had to be synthesised")
                .sample("popline_tts_cache_misses_total", prompts.misses());
        out.family("popline_cdr_dropped_total", "counter", "Call records dropped because the writer's queue was full")
                .sample("popline_cdr_dropped_total", cdrs.dropped());
        out.family("popline_cdr_write_failures_total", "counter", "Call records that could not be written to disk")
                .sample("popline_cdr_write_failures_total", cdrs.failed());
        return out.toString();
    }

    private void queues(PrometheusText out) {
        var queues = acd.queues();
        out.family("popline_queue_waiting_callers", "gauge", "Callers waiting in the queue");
        for (QueueView q : queues) {
            out.sample("popline_queue_waiting_callers", q.waiting().size(), "queue", q.name());
        }
        out.family("popline_queue_longest_wait_seconds", "gauge", "How long the queue's longest waiting caller has waited");
        for (QueueView q : queues) {
            out.sample("popline_queue_longest_wait_seconds", q.longestWaitSeconds(), "queue", q.name());
        }
    }

    private void agents(PrometheusText out) {
        Map<AgentState, Integer> byState = new EnumMap<>(AgentState.class);
        for (AgentState state : AgentState.values()) {
            byState.put(state, 0);
        }
        for (AgentView agent : acd.agents()) {
            byState.merge(agent.state(), 1, Integer::sum);
        }
        out.family("popline_agents", "gauge", "Agents by state");
        byState.forEach((state, n) -> out.sample("popline_agents", n, "state", state.name().toLowerCase(Locale.ROOT)));
    }
}
