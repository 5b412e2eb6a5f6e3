package org.popline.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class MediaEngineTest {

    @Test
    void sessionsGetDistinctEvenPortsWithinTheRange() throws IOException {
        try (MediaEngine engine = new MediaEngine(RtpTestPeer.LOOPBACK, 46301, 46320)) {
            RtpSession a = engine.openSession("a");
            RtpSession b = engine.openSession("b");
            assertNotEquals(a.localPort(), b.localPort());
            for (RtpSession s : new RtpSession[] {a, b}) {
                assertEquals(0, s.localPort() % 2);
                assertTrue(s.localPort() >= 46302 && s.localPort() + 1 <= 46320);
                assertEquals(RtpTestPeer.LOOPBACK, s.localAddress());
            }
            assertEquals(Set.of(a.localPort(), b.localPort()), engine.openPorts());
            assertEquals(2, engine.openSessionCount());
            assertEquals("a", a.callId());
        }
    }

    @Test
    void rtcpPortIsHeldToo() throws IOException {
        try (MediaEngine engine = new MediaEngine(RtpTestPeer.LOOPBACK, 46330, 46339)) {
            RtpSession session = engine.openSession("a");
            assertThrows(IOException.class, () -> DatagramChannel.open()
                    .bind(new InetSocketAddress(RtpTestPeer.LOOPBACK, session.localPort() + 1)));
        }
    }

    @Test
    void exhaustedRangeIsReportedAndReleasedPortsAreReused() throws IOException, InterruptedException {
        try (MediaEngine engine = new MediaEngine(RtpTestPeer.LOOPBACK, 46340, 46343)) {
            RtpSession a = engine.openSession("a");
            engine.openSession("b");
            IOException e = assertThrows(IOException.class, () -> engine.openSession("c"));
            assertEquals("no free RTP port in range 46340-46343: 2 pairs in use by calls, 0 held by other programs",
                    e.getMessage());
            int freed = a.localPort();
            a.close();
            assertEquals(freed, openOnceFreed(engine, "d").localPort());
            assertEquals(2, engine.openSessionCount(), "the failed open left nothing behind");
        }
    }

    /** Opens a session, waiting (2 s at most) for the receive thread to free a closed session's ports. */
    private static RtpSession openOnceFreed(MediaEngine engine, String callId) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (true) {
            try {
                return engine.openSession(callId);
            } catch (IOException noneFreeYet) {
                if (System.nanoTime() > deadline) {
                    throw noneFreeYet;
                }
                Thread.sleep(5);
            }
        }
    }

    @Test
    void portsTakenByOthersAreSkipped() throws IOException {
        try (DatagramChannel squatter = DatagramChannel.open().bind(new InetSocketAddress(RtpTestPeer.LOOPBACK, 46351));
             MediaEngine engine = new MediaEngine(RtpTestPeer.LOOPBACK, 46350, 46355)) {
            assertTrue(squatter.isOpen());
            assertEquals(Set.of(46352, 46354), Set.of(engine.openSession("a").localPort(), engine.openSession("b").localPort()));
            IOException e = assertThrows(IOException.class, () -> engine.openSession("c"));
            assertEquals("no free RTP port in range 46350-46355: 2 pairs in use by calls, 1 held by other programs",
                    e.getMessage());
        }
    }

    @Test
    void portsArePickedAtRandomWithoutCollisions() throws IOException {
        int pairs = 50;
        try (MediaEngine engine = new MediaEngine(RtpTestPeer.LOOPBACK, 46600, 46600 + 2 * pairs - 1)) {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                int port = engine.openSession("s" + i).localPort();
                assertEquals(0, port % 2);
                assertTrue(port >= 46600 && port + 1 <= 46600 + 2 * pairs - 1);
                ports.add(port);
            }
            assertEquals(pairs, Set.copyOf(ports).size(), "a pair handed out twice: " + ports);
            int steps = 0;
            for (int i = 1; i < ports.size(); i++) {
                if (ports.get(i) == ports.get(i - 1) + 2) {
                    steps++;
                }
            }
            // In order, 49 of 49 steps would be +2; at random about 1 is (the chance of 10 or more is below 1e-6).
            assertTrue(steps < 10, steps + " of 49 successive ports were the next pair: " + ports);
            assertThrows(IOException.class, () -> engine.openSession("one too many"));
        }
    }

    @Test
    void clockThreadsRunUnderRealtimeSchedulingWhereTheKernelAllowsIt() throws Exception {
        int priority = 7; // no other engine in these tests asks for it, so the thread is this engine's
        ListAppender<ILoggingEvent> clockLog = new ListAppender<>();
        clockLog.start();
        Logger clockLogger = (Logger) LoggerFactory.getLogger(ClockShard.class);
        clockLogger.addAppender(clockLog);
        try (MediaEngine engine = new MediaEngine(RtpTestPeer.LOOPBACK, 46380, 46389, 1, priority)) {
            assertEquals(0, engine.openSessionCount());
            if (ThreadScheduling.mayRaisePriority()) {
                ThreadScheduling found = ThreadScheduling.awaitThread("media-clock-0",
                        s -> s.policy() == ThreadScheduling.SCHED_RR && s.priority() == priority);
                assertEquals(ThreadScheduling.SCHED_RR, found.policy());
            } else {
                // Without CAP_SYS_NICE the request fails, is logged, and the clock goes on at normal priority.
                Await.until("the clock's warning that it keeps normal priority", () -> List.copyOf(clockLog.list)
                        .stream().anyMatch(e -> e.getFormattedMessage().startsWith("media-clock-0 keeps normal priority")));
                assertTrue(ThreadScheduling.threads("media-clock-0").stream().noneMatch(s -> s.priority() == priority));
            }
        } finally {
            clockLogger.detachAppender(clockLog);
        }
    }

    @Test
    void closingTheEngineClosesEverySessionAndEndsItsThreads() throws IOException {
        Set<Thread> before = mediaThreads();
        MediaEngine engine = new MediaEngine(RtpTestPeer.LOOPBACK, 46370, 46379, 2, MediaEngine.NORMAL_PRIORITY);
        RtpSession a = engine.openSession("a");
        Set<Thread> engines = mediaThreads();
        engines.removeAll(before);
        assertEquals(Set.of("media-clock-0", "media-clock-1", "media-receive", "media-events-0", "media-events-1"),
                engines.stream().map(Thread::getName).collect(Collectors.toSet()));

        engine.close();

        assertTrue(a.isClosed());
        assertEquals(0, engine.openSessionCount());
        assertThrows(IllegalStateException.class, () -> engine.openSession("late"));
        Await.until("the engine's media threads to end: " + engines, () -> engines.stream().noneMatch(Thread::isAlive));
    }

    private static Set<Thread> mediaThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("media-"))
                .collect(Collectors.toCollection(HashSet::new));
    }

    @Test
    void rejectsARangeWithoutAPortPair() {
        assertThrows(IllegalArgumentException.class, () -> new MediaEngine(RtpTestPeer.LOOPBACK, 46381, 46382));
        assertThrows(IllegalArgumentException.class, () -> new MediaEngine(RtpTestPeer.LOOPBACK, 46390, 46380));
    }
}
