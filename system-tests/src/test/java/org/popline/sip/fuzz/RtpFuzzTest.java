package org.popline.sip.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.popline.app.config.Overrides;
import org.popline.sip.testkit.Admin;
import org.popline.sip.testkit.Await;
import org.popline.sip.testkit.RtpCapture;
import org.popline.sip.testkit.RtpMutator;
import org.popline.sip.testkit.RtpStream;
import org.popline.sip.testkit.Sipp;
import org.popline.sip.testkit.TestServer;

/**
 * Seeded, bounded RTP/RTCP fuzzing at a live call's ports: mutated packets from the caller's own
 * address (which strict RTP lets through to the parsers) and from others. Afterwards no datagram
 * may have thrown in the receive loop, the call must end by the RTP timeout leaving no call and no
 * port behind, the heap must be back near where it started, and a real call must work.
 *
 * <p>10,000 packets by default (CI); {@code bench/fuzz-rtp.sh} runs 100,000 with
 * {@code -Dpopline.fuzz.rtp.packets} and {@code -Dpopline.fuzz.rtp.seed}.
 */
class RtpFuzzTest {
    private static final int PACKETS = Integer.getInteger("popline.fuzz.rtp.packets", 10_000);
    private static final long SEED = Long.getLong("popline.fuzz.rtp.seed", 4733L);
    /** The whole sending phase stops here whatever the count, so a slow machine cannot hang CI. */
    private static final Duration MAX_SENDING = Duration.ofSeconds(Math.max(40, PACKETS / 500));
    private static final int BURST = 20;
    private static final long HEAP_SLACK_BYTES = 24L << 20;

    @Test
    void mutatedRtpAndRtcpLeaveNothingBehindAndTheNextCallWorks() throws Exception {
        try (TestServer popline = TestServer.start(new Overrides().set("rtp.timeout", "3s"))) {
            assertTrue(realCallWorks(popline), "warm-up call");
            awaitIdle(popline);
            long heapBefore = settledHeap();

            try (RtpCapture caller = new RtpCapture();
                 DatagramChannel besideCaller = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
                 DatagramChannel elsewhere = DatagramChannel.open()
                         .bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0))) {
                CompletableFuture<Sipp.Result> call = CompletableFuture.supplyAsync(() -> {
                    try {
                        return Sipp.scenario("wait-for-bye.xml").key("rtpport", Integer.toString(caller.port()))
                                .run(popline.sipPort, MAX_SENDING.plusSeconds(60));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                Await.until("the call's media", () -> caller.packets().size() >= 5 || call.isDone(), Duration.ofSeconds(30));
                assertTrue(!call.isDone(), "the call ended before the fuzzing began");
                InetSocketAddress rtp = caller.packets().get(0).source();
                InetSocketAddress rtcp = new InetSocketAddress(rtp.getAddress(), rtp.getPort() + 1);
                new RtpStream(caller.channel(), rtp, 0xCA11, 1).sendAudio(3, 20);

                long foreignBefore = popline.server.mediaForeignPackets();
                RtpMutator mutator = new RtpMutator(SEED);
                List<DatagramChannel> senders = List.of(caller.channel(), besideCaller, elsewhere);
                Map<RtpMutator.Kind, Integer> kinds = new EnumMap<>(RtpMutator.Kind.class);
                int[] bySender = new int[senders.size()];
                long start = System.nanoTime();
                long deadline = start + MAX_SENDING.toNanos();
                int sent = 0;
                while (sent < PACKETS && System.nanoTime() < deadline) {
                    for (int i = 0; i < BURST && sent < PACKETS; i++, sent++) {
                        byte[] datagram = mutator.next();
                        RtpMutator.Kind kind = mutator.lastKind();
                        kinds.merge(kind, 1, Integer::sum);
                        // Half from the caller's own address, which strict RTP lets through to the parsers.
                        int from = sent % 2 == 0 ? 0 : 1 + (sent / 2) % 2;
                        bySender[from]++;
                        senders.get(from).send(ByteBuffer.wrap(datagram), RtpMutator.isRtcp(kind) || sent % 7 == 0 ? rtcp : rtp);
                    }
                    Thread.sleep(1);
                }
                long sendingEnded = System.nanoTime();
                double seconds = (sendingEnded - start) / 1e9;
                Thread.sleep(500); // the receive thread empties the sockets' queues
                long foreign = popline.server.mediaForeignPackets() - foreignBefore;
                long kernelDrops = kernelDrops(rtp.getPort()) + kernelDrops(rtcp.getPort());

                assertEquals(0, popline.server.mediaReceiveFailures(), "datagrams that threw in the receive loop");
                Sipp.Result ended = call.get(MAX_SENDING.toSeconds() + 90, TimeUnit.SECONDS);
                assertTrue(ended.ok(), "Popline ends the fuzzed call by RTP timeout with a BYE: " + ended.output());
                awaitIdle(popline);
                long idleAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sendingEnded);
                JsonNode health = Admin.get(popline, "/health");
                assertEquals(0, health.path("liveCalls").asInt(), health.toString());
                assertEquals(0, health.path("openRtpPorts").asInt(), health.toString());
                long heapAfter = settledHeap();
                System.out.printf("RtpFuzz: seed %d, %d packets in %.1f s (%.0f/s), from the caller's address %d, "
                                + "beside it %d, from 127.0.0.2 %d; dropped by the kernel (socket buffer full) %d; dropped by strict RTP %d; receive-loop failures %d; "
                                + "call ended and port freed %d ms after the last packet (rtp.timeout 3s); heap %d MB before, %d MB after; kinds %s%n",
                        SEED, sent, seconds, sent / seconds, bySender[0], bySender[1], bySender[2], kernelDrops, foreign,
                        popline.server.mediaReceiveFailures(), idleAfter, heapBefore >> 20, heapAfter >> 20, kinds);
                assertEquals(PACKETS, sent, "all packets sent within " + MAX_SENDING);
                assertTrue(foreign > 0, "packets from other sources are dropped and counted");
                assertTrue(heapAfter < heapBefore + HEAP_SLACK_BYTES,
                        "heap grew from " + (heapBefore >> 20) + " MB to " + (heapAfter >> 20) + " MB");
            }
            assertTrue(realCallWorks(popline), "a real call after the fuzzing");
            awaitIdle(popline);
        }
    }

    /** A SIPp call of 2 s that hears Popline's stream all along. */
    private static boolean realCallWorks(TestServer popline) throws Exception {
        try (RtpCapture rtp = new RtpCapture()) {
            Sipp.Result sipp = Sipp.scenario("call.xml").key("rtpport", Integer.toString(rtp.port())).key("pts", "0 101")
                    .pause(Duration.ofSeconds(2)).run(popline.sipPort, Duration.ofSeconds(30));
            return sipp.ok() && rtp.packets().size() >= 50;
        }
    }

    /** Datagrams the kernel dropped for one of Popline's UDP sockets on 127.0.0.1 (/proc/net/udp's last column). */
    private static long kernelDrops(int port) throws java.io.IOException {
        String local = String.format("0100007F:%04X", port);
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/net/udp"))) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length > 12 && fields[1].equals(local)) {
                return Long.parseLong(fields[fields.length - 1]);
            }
        }
        return -1;
    }

    private static void awaitIdle(TestServer popline) throws InterruptedException {
        Await.until("no live call and no open port", () -> popline.server.liveCalls() == 0 && popline.server.openRtpPorts() == 0,
                Duration.ofSeconds(30));
    }

    /** Used heap after full collections, the lowest of a few: what is really held. */
    private static long settledHeap() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
            lowest = Math.min(lowest, memory.getHeapMemoryUsage().getUsed());
        }
        return lowest;
    }
}
