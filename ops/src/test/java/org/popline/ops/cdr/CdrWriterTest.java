package org.popline.ops.cdr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popline.ivr.engine.FlowReport;
import org.popline.sip.call.EndedBy;
import org.popline.sip.call.EndedCall;
import org.slf4j.LoggerFactory;

/** The CDR files on a real disk: a line per record as soon as it is written, read back, crash leftovers skipped. */
class CdrWriterTest {
    private static final Instant NOON = Instant.parse("2026-12-02T12:00:00Z");

    @TempDir
    Path folder;

    @Test
    void eachRecordIsOnDiskAsSoonAsItIsListed() throws Exception {
        try (CdrWriter writer = CdrWriter.start(folder, 10, 100)) {
            writer.submit(record("call-1", NOON));
            awaitListed(writer, 1);
            // Read from the file, not from the writer's memory, while the writer is still open.
            assertEquals(1, lines().size(), "the first record is in the file before the writer closes");
            assertTrue(lines().get(0).contains("\"callId\":\"call-1\""), lines().get(0));
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(folder.resolve("cdr-2026-12-02.jsonl"))), "callers' data is the owner's only");
            writer.submit(record("call-2", NOON.plusSeconds(1)));
            awaitListed(writer, 2);
            assertEquals(2, lines().size());
        }
    }

    @Test
    void aBurstIsWrittenInBatchesInOrderAndWhole() throws Exception {
        int burst = 1000;
        try (CdrWriter writer = CdrWriter.start(folder, burst, burst)) {
            for (int i = 0; i < burst; i++) {
                writer.submit(record("call-" + i, NOON.plusMillis(i)));
            }
            awaitListed(writer, burst);
            List<String> lines = lines();
            assertEquals(burst, lines.size(), "every record of the burst is in the file while the writer is open");
            for (int i = 0; i < burst; i++) {
                assertTrue(lines.get(i).startsWith("{\"callId\":\"call-" + i + "\"") && lines.get(i).endsWith("}"), lines.get(i));
            }
            assertEquals(0, writer.dropped());
            assertEquals(0, writer.failed());
        }
    }

    @Test
    void recordsAreReadBackAfterARestartNewestFirst() throws Exception {
        try (CdrWriter writer = CdrWriter.start(folder, 10, 100)) {
            writer.submit(record("call-1", NOON));
            writer.submit(record("call-2", NOON.plusSeconds(1)));
            awaitListed(writer, 2);
        }
        try (CdrWriter again = CdrWriter.start(folder, 10, 100)) {
            List<CallDetailRecord> listed = again.newest(10);
            assertEquals(List.of("call-2", "call-1"), listed.stream().map(CallDetailRecord::callId).toList());
            CallDetailRecord first = listed.get(1);
            assertEquals(record("call-1", NOON), first, "every field survives the round trip");
        }
    }

    @Test
    void keepsOnlyTheNewestAcrossDailyFiles() throws Exception {
        try (CdrWriter writer = CdrWriter.start(folder, 10, 100)) {
            writer.submit(record("yesterday", NOON.minus(Duration.ofDays(1))));
            writer.submit(record("today-1", NOON));
            writer.submit(record("today-2", NOON.plusSeconds(1)));
            awaitListed(writer, 3);
        }
        assertEquals(2, Files.list(folder).count(), "one file per UTC day");
        try (CdrWriter again = CdrWriter.start(folder, 10, 2)) {
            assertEquals(List.of("today-2", "today-1"), again.newest(10).stream().map(CallDetailRecord::callId).toList());
        }
    }

    @Test
    void aLineCutShortByACrashIsSkippedWithAWarningAndWritingGoesOn() throws Exception {
        try (CdrWriter writer = CdrWriter.start(folder, 10, 100)) {
            writer.submit(record("call-1", NOON));
            awaitListed(writer, 1);
        }
        Path file = folder.resolve("cdr-2026-12-02.jsonl");
        String whole = Files.readString(file);
        Files.writeString(file, whole + whole.substring(0, whole.length() / 2).replace("call-1", "call-x"));

        ListAppender<ILoggingEvent> warnings = listen();
        try (CdrWriter writer = CdrWriter.start(folder, 10, 100)) {
            assertEquals(List.of("call-1"), writer.newest(10).stream().map(CallDetailRecord::callId).toList());
            assertTrue(warnings.list.stream().anyMatch(e -> e.getFormattedMessage().contains(file + " line 2")),
                    "a warning names the file and line: " + warnings.list);
            writer.submit(record("call-2", NOON.plusSeconds(5)));
            awaitListed(writer, 2);
        } finally {
            ((Logger) LoggerFactory.getLogger(CdrFiles.class)).detachAppender(warnings);
        }
        try (CdrWriter again = CdrWriter.start(folder, 10, 100)) {
            assertEquals(List.of("call-2", "call-1"), again.newest(10).stream().map(CallDetailRecord::callId).toList(),
                    "the record after the broken line starts a line of its own");
        }
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfBlocking() throws Exception {
        try (CdrWriter writer = CdrWriter.start(folder, 1, 100)) {
            // Today's file is a named pipe nobody reads: the writer thread blocks opening it, as on a stuck disk.
            Path pipe = folder.resolve("cdr-2026-12-02.jsonl");
            assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor());
            for (int i = 0; i < 5; i++) {
                writer.submit(record("call-" + i, NOON.plusSeconds(i)));
            }
            // One record in the blocked thread, at most one in the queue of 1: the rest were dropped at once.
            assertTrue(writer.dropped() >= 3, "dropped " + writer.dropped());
            Thread drain = new Thread(() -> {
                try (var in = Files.newInputStream(pipe)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            drain.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (writer.dropped() + writer.failed() + writer.newest(10).size() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(5, writer.dropped() + writer.failed() + writer.newest(10).size(),
                    "every record was written, failed or dropped; none vanished");
        }
    }

    static CallDetailRecord record(String callId, Instant endedAt) {
        Instant started = endedAt.minusSeconds(60);
        EndedCall call = new EndedCall(callId, "+14155550100", started, Optional.of(started.plusMillis(20)), endedAt,
                "12", Optional.of(new EndedCall.QueueStay("support", started.plusSeconds(10),
                        Optional.of(started.plusSeconds(25)), Optional.of("agent1"))), EndedBy.CALLER, "caller hung up");
        FlowReport flow = new FlowReport(callId, "ms-dynamics", "abc123", List.of("Greeting", "MainMenu", "QueueContact"),
                java.util.Map.of("CustomerID", "4e7e", "ContactName", "Michael Brown", "CaseNumber", "CAS-01025",
                        "AppId", ""), "agent call ended");
        return CallDetailRecord.of(call, Optional.of(flow));
    }

    private List<String> lines() throws Exception {
        try (var files = Files.list(folder)) {
            Path file = files.findFirst().orElseThrow();
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        }
    }

    private static void awaitListed(CdrWriter writer, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (writer.newest(count).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(count, writer.newest(count).size(), "records written");
    }

    private static ListAppender<ILoggingEvent> listen() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(CdrFiles.class)).addAppender(appender);
        return appender;
    }
}
