package org.popline.sip.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.popline.app.config.Overrides;
import org.popline.sip.testkit.Admin;
import org.popline.sip.testkit.PrometheusPage;
import org.popline.sip.testkit.RtpCapture;
import org.popline.sip.testkit.Sipp;
import org.popline.sip.testkit.TestServer;

/**
 * Call detail records and metrics from a real call: a SIPp caller from a seeded CRM number runs
 * the reference flow and presses 2, Popline hangs up; the record, its CSV export, its survival of a
 * restart and the counters on {@code /metrics} are read over HTTP.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperationsCallTest {
    private static final String MICHAEL_BROWN = "+14155550100";
    private static final List<String> PATH = List.of("StripANI", "Greeting", "FindCustomer",
            "SetExisting", "CaseExists", "PlayCaseTitle", "MainMenu", "Goodbye", "DisconnectContact");

    @TempDir
    static Path cdrFolder;
    private static TestServer popline;
    private static JsonNode record;

    @BeforeAll
    static void start() throws Exception {
        popline = startOn(cdrFolder);
    }

    private static TestServer startOn(Path folder) throws Exception {
        return TestServer.start(new Overrides().set("call.flow", "flows/ms-dynamics.yaml")
                .set("cdr.folder", folder.toString()));
    }

    @AfterAll
    static void stop() {
        popline.close();
    }

    @Test
    @Order(1)
    void aCallLeavesOneRecordAndMovesTheCounters() throws Exception {
        assertEquals(0, Admin.get(popline, "/cdrs").size(), "a new folder has no records");
        PrometheusPage before = metrics();

        Sipp.Result sipp = Sipp.scenario("dtmf-then-wait-for-bye.xml").key("caller", MICHAEL_BROWN).key("digits", "2")
                .pause(Duration.ofMillis(1000)).run(popline.sipPort, Duration.ofSeconds(40));
        assertTrue(sipp.ok(), "Popline must send BYE after 2:\n" + sipp.output());

        JsonNode records = Admin.records(popline, 1);
        assertEquals(1, records.size(), records.toPrettyString());
        record = records.get(0);
        String callId = Admin.get(popline, "/flows/traces").get(0).path("callId").asText();
        assertEquals(callId, record.path("callId").asText(), record.toPrettyString());
        assertEquals(MICHAEL_BROWN, record.path("ani").asText());
        assertEquals("4e7ea772-424f-5a26-b9da-fd21a1c81440", record.path("customerId").asText());
        assertEquals("Michael Brown", record.path("customerName").asText());
        assertEquals("CAS-01025-205CO0", record.path("caseNumber").asText());
        assertEquals(PATH, texts(record.path("path")));
        assertEquals("2", record.path("digits").asText());
        assertEquals("flow", record.path("endedBy").asText());
        assertEquals("flow hung up", record.path("reason").asText());
        assertEquals("ms-dynamics", record.path("flow").asText());
        assertFalse(record.path("answeredAt").isNull(), "the call was answered");
        assertTrue(record.path("queue").isNull(), "the caller never queued");
        assertTrue(record.path("durationSeconds").asDouble() > 0);

        PrometheusPage after = metrics();
        assertEquals(1, after.value("popline_calls_total", "outcome", "flow")
                - before.value("popline_calls_total", "outcome", "flow"));
        for (String other : List.of("caller", "agent", "timeout", "shutdown", "error")) {
            assertTrue(after.has("popline_calls_total", "outcome", other), other);
            assertEquals(before.value("popline_calls_total", "outcome", other),
                    after.value("popline_calls_total", "outcome", other), other);
        }
        for (String activity : PATH) {
            assertEquals(1, after.value("popline_flow_activity_runs_total", "activity", activity)
                    - before.value("popline_flow_activity_runs_total", "activity", activity), activity);
        }
        assertEquals(1, after.value("popline_crm_request_duration_seconds_count")
                - before.value("popline_crm_request_duration_seconds_count"), "one caller lookup (contact and case)");
        assertTrue(after.value("popline_crm_request_duration_seconds_sum")
                > before.value("popline_crm_request_duration_seconds_sum"));
        assertEquals(0, after.value("popline_crm_request_errors_total", "outcome", "error"));
        assertEquals(0, after.value("popline_crm_request_errors_total", "outcome", "timeout"));
        assertEquals(0, after.value("popline_calls_active"));
        assertEquals(0, after.value("popline_rtp_streams_open"));
        assertTrue(after.value("popline_tts_cache_hits_total") > before.value("popline_tts_cache_hits_total"),
                "the static prompts were spoken from the cache");
        // The key pressed ahead skips the one dynamic prompt (the case), so whether it was synthesised is not asserted.
        assertTrue(after.has("popline_tts_cache_misses_total"));
        assertEquals(2, after.value("popline_agents", "state", "logged_out"), "no phone registered");
        assertEquals(0, after.value("popline_queue_waiting_callers", "queue", "support"));
        assertTrue(after.has("popline_queue_longest_wait_seconds", "queue", "support"));
        assertTrue(after.has("popline_media_clock_late_frames_total"));
        assertEquals(0, after.value("popline_cdr_dropped_total"));
    }

    @Test
    @Order(2)
    void recordsExportAsCsv() throws Exception {
        HttpResponse<String> csv = Admin.text(popline, "/cdrs.csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        String[] lines = csv.body().split("\r\n");
        assertEquals(2, lines.length, csv.body());
        List<String> header = List.of(lines[0].split(","));
        List<String> row = List.of(lines[1].split(",", -1));
        assertEquals(header.size(), row.size(), lines[1]);
        assertEquals(record.path("callId").asText(), row.get(header.indexOf("callId")));
        assertEquals("Michael Brown", row.get(header.indexOf("customerName")));
        assertEquals(String.join(" > ", PATH), row.get(header.indexOf("path")));
        assertEquals("flow", row.get(header.indexOf("endedBy")));
    }

    @Test
    @Order(3)
    void aBadLimitIsRefused() throws Exception {
        assertEquals(400, Admin.text(popline, "/cdrs?limit=0").statusCode());
        assertEquals(400, Admin.text(popline, "/cdrs?limit=many").statusCode());
        assertEquals(1, Admin.get(popline, "/cdrs?limit=1").size());
    }

    @Test
    @Order(4)
    void recordsSurviveARestart() throws Exception {
        popline.close();
        popline = startOn(cdrFolder);
        JsonNode records = Admin.get(popline, "/cdrs");
        assertEquals(1, records.size(), records.toPrettyString());
        assertEquals(record, records.get(0), "the record reads back as it was written");
    }

    @Test
    @Order(5)
    void aCallCutByShutdownIsRecordedBeforeTheServerStops(@TempDir Path folder) throws Exception {
        TestServer greeting;
        try (RtpCapture rtp = new RtpCapture()) {
            greeting = TestServer.start(new Overrides().set("cdr.folder", folder.toString()));
            CompletableFuture<Sipp.Result> caller = CompletableFuture.supplyAsync(() -> {
                try {
                    return Sipp.scenario("wait-for-bye.xml").key("rtpport", Integer.toString(rtp.port()))
                            .run(greeting.sipPort, Duration.ofSeconds(20));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (rtp.packets().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, greeting.server.liveCalls());
            greeting.close();
            assertTrue(caller.get(30, TimeUnit.SECONDS).ok(), "the caller got a BYE");
        }
        TestServer again = TestServer.start(new Overrides().set("cdr.folder", folder.toString()));
        try {
            JsonNode records = Admin.get(again, "/cdrs");
            assertEquals(1, records.size(), records.toPrettyString());
            assertEquals("shutdown", records.get(0).path("endedBy").asText());
            assertEquals("server shutting down", records.get(0).path("reason").asText());
            assertTrue(records.get(0).path("flow").isNull(), "the plain greeting is no flow file");
        } finally {
            again.close();
        }
    }

    private static PrometheusPage metrics() throws Exception {
        HttpResponse<String> page = Admin.text(popline, "/metrics");
        assertEquals(200, page.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
        return PrometheusPage.parse(page.body());
    }

    private static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}
