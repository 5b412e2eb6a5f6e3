package org.popline.ops.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popline.ivr.http.HttpResult;
import org.popline.media.MediaEngine;
import org.popline.media.tts.PromptCache;
import org.popline.media.tts.SpeechSynthesizer;
import org.popline.ops.cdr.CdrWriter;
import org.popline.queue.Acd;
import org.popline.queue.AgentProfile;
import org.popline.queue.QueueSettings;
import org.popline.queue.Routing;
import org.popline.sip.call.EndedBy;

/** The page a scrape gets, built from real parts: the series the README lists, with the values the parts hold. */
class MetricsPageTest {
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)");

    @TempDir
    Path cdrFolder;

    private ScheduledExecutorService timers;
    private Acd acd;
    private MediaEngine media;
    private CdrWriter cdrs;
    private final CallCounters counters = new CallCounters();
    private final PromptCache prompts = new PromptCache(new SilentVoice());

    @BeforeEach
    void start() throws Exception {
        timers = Executors.newSingleThreadScheduledExecutor();
        acd = new Acd(List.of(new QueueSettings("support", Routing.LONGEST_AVAILABLE, 10, Duration.ofMinutes(1),
                        Duration.ofSeconds(5), Duration.ofSeconds(1), Optional.empty())),
                List.of(new AgentProfile("agent1", "Agent 1", Set.of("support")),
                        new AgentProfile("agent2", "Agent 2", Set.of("support"))),
                (agent, caller, timeout) -> {
                    throw new AssertionError("nobody is rung here");
                }, Clock.systemUTC(), timers);
        media = new MediaEngine(InetAddress.getLoopbackAddress(), 40000, 40100, 1, MediaEngine.NORMAL_PRIORITY);
        cdrs = CdrWriter.start(cdrFolder, 10, 10);
    }

    @AfterEach
    void stop() {
        cdrs.close();
        media.close();
        acd.close();
        timers.shutdownNow();
    }

    @Test
    void serverSeriesCarryWhatThePartsCounted() {
        counters.callEnded(EndedBy.FLOW);
        counters.callEnded(EndedBy.FLOW);
        counters.callEnded(EndedBy.CALLER);
        counters.activityRan("Main menu", "menu");
        counters.connectorRequest(Duration.ofMillis(300), HttpResult.Outcome.SUCCESS);
        counters.connectorRequest(Duration.ofSeconds(3), HttpResult.Outcome.TIMEOUT);
        prompts.get("silent", "hello");
        prompts.get("silent", "hello");
        counters.firstFrameSent(32_000_000, true);
        counters.firstFrameSent(400_000_000, true);
        counters.firstFrameSent(12_000_000, false);
        MetricsPage page = new MetricsPage(counters, () -> 7, acd, media, prompts, cdrs);

        String text = page.render();
        Map<String, Double> series = samples(text);

        assertEquals(7, series.get("popline_calls_active"));
        assertEquals(2, series.get("popline_calls_total{outcome=\"flow\"}"));
        assertEquals(1, series.get("popline_calls_total{outcome=\"caller\"}"));
        for (EndedBy by : EndedBy.values()) {
            assertTrue(series.containsKey("popline_calls_total{outcome=\"" + by.label() + "\"}"), by.label());
        }
        assertEquals(1, series.get("popline_flow_activity_runs_total{activity=\"Main menu\"}"));
        assertEquals(0, series.get("popline_crm_request_duration_seconds_bucket{le=\"0.25\"}"));
        assertEquals(1, series.get("popline_crm_request_duration_seconds_bucket{le=\"0.5\"}"));
        assertEquals(2, series.get("popline_crm_request_duration_seconds_bucket{le=\"4.0\"}"));
        assertEquals(2, series.get("popline_crm_request_duration_seconds_bucket{le=\"+Inf\"}"));
        assertEquals(2, series.get("popline_crm_request_duration_seconds_count"));
        assertEquals(3.3, series.get("popline_crm_request_duration_seconds_sum"), 1e-9);
        assertEquals(1, series.get("popline_crm_request_errors_total{outcome=\"timeout\"}"));
        assertEquals(0, series.get("popline_crm_request_errors_total{outcome=\"error\"}"));
        assertEquals(0, series.get("popline_queue_waiting_callers{queue=\"support\"}"));
        assertEquals(0, series.get("popline_queue_longest_wait_seconds{queue=\"support\"}"));
        assertEquals(2, series.get("popline_agents{state=\"logged_out\"}"));
        assertEquals(0, series.get("popline_agents{state=\"available\"}"));
        assertEquals(0, series.get("popline_rtp_streams_open"));
        assertEquals(0, series.get("popline_media_clock_late_frames_total"));
        assertEquals(1, series.get("popline_tts_cache_hits_total"));
        assertEquals(1, series.get("popline_tts_cache_misses_total"));
        assertEquals(160 * 4, series.get("popline_tts_cache_personalised_bytes"), "20 ms: samples, PCMU, PCMA");
        assertEquals(0, series.get("popline_prompt_first_frame_seconds_bucket{synthesis=\"streamed\",le=\"0.03\"}"));
        assertEquals(1, series.get("popline_prompt_first_frame_seconds_bucket{synthesis=\"streamed\",le=\"0.04\"}"));
        assertEquals(2, series.get("popline_prompt_first_frame_seconds_count{synthesis=\"streamed\"}"));
        assertEquals(1, series.get("popline_prompt_first_frame_seconds_bucket{synthesis=\"cached\",le=\"0.02\"}"));
        assertEquals(0, series.get("popline_tts_stream_underruns_total"));
        assertEquals(0, series.get("popline_cdr_dropped_total"));
        assertEquals(0, series.get("popline_cdr_write_failures_total"));
        assertTrue(text.contains("# TYPE popline_calls_total counter\n"), text);
        assertTrue(text.contains("# TYPE popline_crm_request_duration_seconds histogram\n"), text);
        assertTrue(text.contains("# TYPE popline_agents gauge\n"), text);
        assertFalse(text.contains("_created"), "no created timestamps: the 0.0.4 format has none");
    }

    @Test
    void jvmGcHeapThreadAndProcessSeriesAreThere() {
        System.gc();
        Map<String, Double> series = samples(new MetricsPage(counters, () -> 0, acd, media, prompts, cdrs).render());

        assertTrue(series.get("jvm_memory_used_bytes{area=\"heap\"}") > 0);
        assertTrue(series.get("jvm_memory_max_bytes{area=\"heap\"}") > 0);
        assertTrue(series.keySet().stream().anyMatch(s -> s.startsWith("jvm_gc_collection_seconds_count{gc=")
                && series.get(s) > 0), "a GC's pause count after System.gc()");
        assertTrue(series.get("jvm_threads_current") > 0);
        assertTrue(series.keySet().stream().noneMatch(s -> s.startsWith("jvm_threads_deadlocked")),
                "deadlock detection stops the JVM at each scrape");
        assertTrue(series.get("process_cpu_seconds_total") > 0);
        assertTrue(series.get("process_resident_memory_bytes") > 0);
    }

    private static Map<String, Double> samples(String text) {
        Map<String, Double> series = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            Matcher m = SAMPLE.matcher(line);
            assertTrue(m.matches(), "not a sample: " + line);
            String key = m.group(1) + (m.group(2) == null ? "" : m.group(2));
            assertEquals(null, series.put(key, Double.valueOf(m.group(3).replace("Inf", "Infinity"))), "twice: " + key);
        }
        return series;
    }

    /** Speech is not what this page is about: 20 ms of silence for any text. */
    private static final class SilentVoice implements SpeechSynthesizer {
        @Override
        public String voice() {
            return "silent";
        }

        @Override
        public short[] synthesize(String text) {
            return new short[160];
        }
    }
}
