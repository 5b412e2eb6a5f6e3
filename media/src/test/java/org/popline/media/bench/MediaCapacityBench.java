package org.popline.media.bench;

import ch.qos.logback.classic.Level;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.popline.media.MediaEngine;
import org.popline.media.RtpSession;
import org.popline.media.codec.Codec;
import org.slf4j.LoggerFactory;

/**
 * How many concurrent outbound streams one {@link MediaEngine} paces well: for each
 * stream count, starts that many real sessions sending (silence) to a receiver in a
 * child JVM, lets them settle, measures for a fixed time and prints one table row.
 *
 * <p>Run by {@code bench/media-capacity.sh}; options: {@code --counts 100,500,...},
 * {@code --seconds 15} (measured time per count), {@code --warmup 3},
 * {@code --ports 20000-29999} (the sender's RTP range: two ports per stream),
 * {@code --clock-threads 2} (the engine's clock threads; MediaEngine's default if not given),
 * {@code --realtime-priority 10} (SCHED_RR priority of the clock threads; 0, the default, is normal).
 *
 * <p>Columns: procCPU% and clockCPU% are CPU time of this JVM and of its media-clock
 * threads (summed) over the measured window, in percent of one core (JVM CPU-time
 * counters, not sampled load); clockSys% is the kernel part of clockCPU%. dev
 * p50/p99/max is |arrival interval - 20 ms x frames| over every pair of consecutive
 * packets of every stream, timed at the receiver. late>10 counts packets more than 10 ms
 * later than their stream's own best offset, maxLateMs is the worst such lateness. lost
 * counts sequence gaps. heapMB is this JVM's heap in use at the end. skipped counts
 * clock ticks the engine dropped because it fell behind (each one a frame missing from
 * every stream of the clock thread that fell behind). rcvCPU% is the receiver JVM's CPU
 * in percent of one core, machCPU% the whole machine's (all processes, all cores)
 * averaged over the window: on a shared machine the difference is what other tenants
 * took. Sender and receiver share the machine's cores, so the receiver's stamping delay
 * is part of the measured deviation.
 */
public final class MediaCapacityBench {

    private static final String HEADER = String.format(Locale.ROOT,
            "%6s %8s %9s %9s %9s %9s %9s %7s %9s %7s %8s %7s %9s %9s%n",
            "N", "procCPU%", "clockCPU%", "clockSys%", "dev p50ms", "dev p99ms", "dev maxms",
            "late>10", "maxLateMs", "lost", "heapMB", "skipped", "rcvCPU%", "machCPU%");

    private final InetAddress loopback = InetAddress.getLoopbackAddress();
    private final int seconds;
    private final int warmupSeconds;
    private final int portMin;
    private final int portMax;
    private final int clockThreads;
    private final int realtimePriority;

    private MediaCapacityBench(int seconds, int warmupSeconds, int portMin, int portMax, int clockThreads,
                               int realtimePriority) {
        this.seconds = seconds;
        this.warmupSeconds = warmupSeconds;
        this.portMin = portMin;
        this.portMax = portMax;
        this.clockThreads = clockThreads;
        this.realtimePriority = realtimePriority;
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.popline")).setLevel(Level.WARN);
        int[] counts = {100, 500, 1000, 2000, 4000};
        int seconds = 15;
        int warmup = 3;
        int[] ports = {20000, 29999};
        int clockThreads = MediaEngine.defaultClockThreads();
        int realtimePriority = MediaEngine.NORMAL_PRIORITY;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--counts" -> counts = Arrays.stream(args[i + 1].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--ports" -> ports = Arrays.stream(args[i + 1].split("-")).mapToInt(Integer::parseInt).toArray();
                case "--clock-threads" -> clockThreads = Integer.parseInt(args[i + 1]);
                case "--realtime-priority" -> realtimePriority = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        MediaCapacityBench bench = new MediaCapacityBench(seconds, warmup, ports[0], ports[1], clockThreads,
                realtimePriority);
        System.out.printf(Locale.ROOT, "cores %d, load average %.2f, %d clock threads (real-time priority %d),"
                        + " %d s measured per row after %d s warm-up%n",
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), clockThreads, realtimePriority,
                seconds, warmup);
        System.out.print(HEADER);
        for (int count : counts) {
            System.out.print(bench.row(count));
            System.out.flush();
        }
    }

    private String row(int streams) throws Exception {
        int packetsPerStream = (seconds + 2) * 50;
        long lifetime = 3L * (seconds + warmupSeconds) + 60;
        try (ReceiverProcess receiver = new ReceiverProcess(streams, packetsPerStream, lifetime);
             MediaEngine engine = new MediaEngine(loopback, portMin, portMax, clockThreads, realtimePriority)) {
            List<RtpSession> sessions = new ArrayList<>(streams);
            for (int i = 0; i < streams; i++) {
                RtpSession session = engine.openSession("bench-" + i);
                sessions.add(session);
                session.start(new InetSocketAddress(loopback, receiver.port(i)), Codec.PCMU);
            }
            Thread.sleep(warmupSeconds * 1000L);
            SenderLoad load = new SenderLoad();
            long skippedBefore = engine.lateTicks();
            receiver.record();
            load.start();
            for (int second = 0; second < seconds; second++) {
                Thread.sleep(1000L);
                load.sampleMachine();
            }
            SenderLoad.Usage usage = load.stop();
            ReceiverProcess.Result result = receiver.report();
            long heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
            long skipped = engine.lateTicks() - skippedBefore;
            long failures = sessions.stream().mapToLong(RtpSession::sendFailures).sum();
            if (failures > 0 || result.overflow() > 0) {
                System.out.printf("  (N=%d: %d send failures, %d packets beyond the receiver's arrays)%n",
                        streams, failures, result.overflow());
            }
            return String.format(Locale.ROOT, "%6d %8.1f %9.1f %9.1f %9.2f %9.2f %9.2f %7d %9.1f %7d %8d %7d %9.1f %9.1f%n",
                    streams, usage.processPercent(), usage.clockThreadPercent(), usage.clockThreadSystemPercent(),
                    result.p50Micros() / 1000.0, result.p99Micros() / 1000.0, result.maxMicros() / 1000.0,
                    result.lateFrames(), result.maxLateMicros() / 1000.0, result.lost(), heapMb, skipped,
                    100.0 * result.cpuNanos() / (seconds * 1e9), usage.machinePercent());
        }
    }
}
