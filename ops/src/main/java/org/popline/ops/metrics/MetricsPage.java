package org.popline.ops.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;
import org.popline.media.MediaEngine;
import org.popline.media.tts.PromptCache;
import org.popline.ops.cdr.CdrWriter;
import org.popline.queue.CallDistributor;
import org.popline.queue.AgentState;
import org.popline.queue.AgentView;
import org.popline.queue.QueueView;
import org.popline.sip.signalling.TcpReadTimeouts;
import org.popline.sip.signalling.UnparsableInput;

/**
 * {@code GET /metrics}: the call counters, gauges read from the server's parts at each scrape, and
 * the JVM's own (memory, GC pauses, threads, process), in the Prometheus text format 0.0.4.
 */
public final class MetricsPage {
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    /**
     * Left out of every scrape: the JVM answers them by stopping every thread at a safepoint to look for
     * deadlocks, 2-5 ms with a thousand callers' flow threads, and each such pause delays every RTP
     * stream's next packet by as much.
     */
    private static final Set<String> STOP_THE_WORLD_SERIES = Set.of("jvm_threads_deadlocked", "jvm_threads_deadlocked_monitor");

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public MetricsPage(CallCounters counters, IntSupplier activeCalls, CallDistributor acd, MediaEngine media, PromptCache prompts,
            CdrWriter cdrs) {
        gauge("popline_calls_active", "Calls in progress", activeCalls::getAsInt);
        counters.registerIn(registry);
        queues(acd);
        agents(acd);
        gauge("popline_rtp_streams_open", "RTP sessions open, callers' and agents' legs", media::openSessionCount);
        counter("popline_media_clock_late_frames_total", "20 ms frames the media clock skipped because it fell behind",
                media::lateTicks);
        counter("popline_rtp_foreign_packets_total", "RTP/RTCP packets dropped by strict RTP", media::foreignPackets);
        counter("popline_sip_unparsable_total", "SIP messages that could not be parsed", UnparsableInput::count);
        counter("popline_sip_tcp_read_timeouts_total", "SIP TCP connections closed because a begun message was not finished in time",
                TcpReadTimeouts::count);
        counter("popline_tts_cache_hits_total", "Prompts found in the TTS cache", prompts::hits);
        counter("popline_tts_cache_misses_total", "Prompts that had to be synthesised", prompts::misses);
        counter("popline_tts_stream_underruns_total",
                "Frames of prompts played while synthesised that went out as silence because the synthesis fell behind",
                prompts::underruns);
        gauge("popline_tts_cache_personalised_bytes", "Bytes of personalised prompts held (the bounded tier)",
                prompts::personalisedBytes);
        counter("popline_cdr_dropped_total", "Call records dropped because the writer's queue was full", cdrs::dropped);
        counter("popline_cdr_write_failures_total", "Call records that could not be written to disk", cdrs::failed);
        JvmMetrics.builder().register(registry);
    }

    public String render() {
        ByteArrayOutputStream page = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(page, registry.scrape(name -> !STOP_THE_WORLD_SERIES.contains(name)));
        } catch (IOException e) {
            throw new UncheckedIOException("a byte array refused a write", e);
        }
        return page.toString(StandardCharsets.UTF_8);
    }

    private void gauge(String name, String help, DoubleSupplier value) {
        GaugeWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble()))
                .register(registry);
    }

    private void counter(String name, String help, DoubleSupplier value) {
        CounterWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.getAsDouble()))
                .register(registry);
    }

    private void queues(CallDistributor acd) {
        GaugeWithCallback.builder().name("popline_queue_waiting_callers").help("Callers waiting in the queue")
                .labelNames("queue")
                .callback(cb -> acd.queues().forEach(q -> cb.call(q.waiting().size(), q.name())))
                .register(registry);
        GaugeWithCallback.builder().name("popline_queue_longest_wait_seconds")
                .help("How long the queue's longest waiting caller has waited").labelNames("queue")
                .callback(cb -> acd.queues().forEach((QueueView q) -> cb.call(q.longestWaitSeconds(), q.name())))
                .register(registry);
    }

    private void agents(CallDistributor acd) {
        GaugeWithCallback.builder().name("popline_agents").help("Agents by state").labelNames("state")
                .callback(cb -> {
                    Map<AgentState, Integer> byState = new EnumMap<>(AgentState.class);
                    for (AgentState state : AgentState.values()) {
                        byState.put(state, 0);
                    }
                    for (AgentView agent : acd.agents()) {
                        byState.merge(agent.state(), 1, Integer::sum);
                    }
                    byState.forEach((state, n) -> cb.call(n, state.name().toLowerCase(Locale.ROOT)));
                })
                .register(registry);
    }
}
