package org.popline.sip.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.popline.app.config.Overrides;
import org.popline.sip.testkit.Admin;
import org.popline.sip.testkit.RtpCapture;
import org.popline.sip.testkit.Sipp;
import org.popline.sip.testkit.TestServer;
import org.slf4j.LoggerFactory;

/**
 * 10,000 mutated SIP messages over UDP and TCP (seeded: the same run every time; more with
 * {@code -Dpopline.fuzz.count}), then, once the no-ACK and RTP timeouts have run: no live call, no
 * open port, the heap back near where it started, unparsable input counted but hardly logged, and a
 * real call works.
 */
class SipFuzzTest {
    private static final int COUNT = Integer.getInteger("popline.fuzz.count", 10_000);
    private static final long SEED = Long.getLong("popline.fuzz.seed", 3261);
    private static final int RATE = Integer.getInteger("popline.fuzz.rate", 2000);
    /** Heap growth we accept after the run and a full GC: caches and the JIT's data, not a leak. */
    private static final long HEAP_SLACK = 48L << 20;

    /** Counts warnings and errors, and keeps the longest message, while the fuzzer runs. */
    private static final class LogWatch extends AppenderBase<ILoggingEvent> {
        final AtomicInteger warnings = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        final Map<String, AtomicInteger> byLogger = new ConcurrentHashMap<>();
        volatile int longest;

        @Override
        protected void append(ILoggingEvent e) {
            if (e.getLevel().isGreaterOrEqual(Level.WARN)) {
                (e.getLevel() == Level.ERROR ? errors : warnings).incrementAndGet();
                byLogger.computeIfAbsent(e.getLoggerName() + " " + e.getLevel(), k -> new AtomicInteger()).incrementAndGet();
                longest = Math.max(longest, e.getFormattedMessage().length());
            }
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void mutatedSipLeavesNothingBehindAndACallStillWorks() throws Exception {
        Overrides o = new Overrides().set("sip.no-ack-timeout", "2s").set("rtp.timeout", "3s")
                .set("call.max-duration", "20s");
        try (TestServer popline = TestServer.start(o)) {
            // Warm up what a first call loads, so that the heap comparison sees the run, not class loading.
            realCall(popline);
            long heapBefore = heapAfterGc();
            LogWatch watch = new LogWatch();
            watch.start();
            Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            root.addAppender(watch);
            SipFuzzer.Figures figures;
            try {
                figures = new SipFuzzer(SEED, InetAddress.getLoopbackAddress(), popline.sipPort, RATE)
                        .run(COUNT, Duration.ofSeconds(Long.getLong("popline.fuzz.seconds", 45)));
            } finally {
                root.detachAppender(watch);
            }
            System.out.println("fuzz: " + figures + "; while it ran " + watch.errors + " ERROR and "
                    + watch.warnings + " WARN lines, longest " + watch.longest + " characters: " + watch.byLogger);
            assertEquals(COUNT, figures.total(), "the run was cut short by its time limit: " + figures);

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            JsonNode health = Admin.get(popline, "/health");
            while ((health.path("liveCalls").asInt() != 0 || health.path("openRtpPorts").asInt() != 0)
                    && System.nanoTime() < deadline) {
                Thread.sleep(250);
                health = Admin.get(popline, "/health");
            }
            assertEquals(0, health.path("liveCalls").asInt(), "live calls left: " + health);
            assertEquals(0, health.path("openRtpPorts").asInt(), "open ports left: " + health);

            // The stack keeps a transaction for each request until its timers run out (32 s): the heap is
            // judged once they have.
            long heapAfter = heapAfterGc();
            deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
            while (heapAfter >= heapBefore + HEAP_SLACK && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                heapAfter = heapAfterGc();
            }
            System.out.printf("fuzz: heap after GC %d MB before, %d MB after%n", heapBefore >> 20, heapAfter >> 20);
            assertTrue(heapAfter < heapBefore + HEAP_SLACK,
                    "heap grew from " + (heapBefore >> 20) + " MB to " + (heapAfter >> 20) + " MB; biggest classes:\n"
                    + biggestClasses());

            String metrics = Admin.text(popline, "/metrics").body();
            long unparsable = metrics.lines().filter(l -> l.startsWith("popline_sip_unparsable_total "))
                    .mapToLong(l -> (long) Double.parseDouble(l.substring(l.indexOf(' ') + 1).trim())).sum();
            System.out.println("fuzz: popline_sip_unparsable_total " + unparsable);
            assertTrue(unparsable >= COUNT / 50, "unparsable messages are counted: " + unparsable);
            // Unparsable input: one line per source and minute; the stack's own complaints: one per kind and minute.
            int fromInput = watch.byLogger.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("gov.nist") || e.getKey().startsWith("org.popline.sip.signalling.Unparsable"))
                    .mapToInt(e -> e.getValue().get()).sum();
            assertTrue(fromInput < 40, "log lines about the input while fuzzing: " + watch.byLogger);
            assertTrue(watch.longest < 2000, "no message dumps in the log (longest line " + watch.longest + ")");

            try {
                realCall(popline);
            } catch (AssertionError e) {
                Process jcmd = new ProcessBuilder("jcmd", Long.toString(ProcessHandle.current().pid()), "Thread.print")
                        .redirectErrorStream(true).start();
                System.out.println("THREADS\n" + new String(jcmd.getInputStream().readAllBytes()));
                throw e;
            }
        }
    }

    /** The top of the heap's class histogram, to show what a leak holds. */
    private static String biggestClasses() throws Exception {
        Process jcmd = new ProcessBuilder("jcmd", Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        jcmd.waitFor();
        return out.lines().limit(25).collect(java.util.stream.Collectors.joining("\n"));
    }

    private static void realCall(TestServer popline) throws Exception {
        try (RtpCapture rtp = new RtpCapture()) {
            Sipp.Result ok = Sipp.scenario("call.xml").key("rtpport", Integer.toString(rtp.port())).key("pts", "0")
                    .pause(Duration.ofSeconds(1)).run(popline.sipPort, Duration.ofSeconds(20));
            assertTrue(ok.ok(), ok.output());
            assertTrue(rtp.packets().size() > 20, "media flowed: " + rtp.packets().size() + " packets");
        }
    }
}
