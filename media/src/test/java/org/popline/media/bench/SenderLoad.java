package org.popline.media.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU used by this (the sending) JVM and by its media-clock threads (summed) between
 * {@link #start()} and {@link #stop()}, from the JVM's own CPU-time counters.
 */
final class SenderLoad {

    /**
     * CPU time as percent of one core: 100 means one core fully busy, so the clock
     * threads together may exceed 100. Their system (kernel) share is mostly the send
     * system calls, which on loopback include delivering each datagram to the receiving
     * socket.
     */
    record Usage(double processPercent, double clockThreadPercent, double clockThreadSystemPercent,
                 double machinePercent) {
    }

    private static final String CLOCK_THREAD_PREFIX = "media-clock";

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final long[] clockThreadIds = findClockThreads();
    private long startNanos;
    private long startProcessCpu;
    private long startClockCpu;
    private long startClockUser;
    private double machineLoadSum;
    private int machineLoadSamples;

    void start() {
        startNanos = System.nanoTime();
        startProcessCpu = os.getProcessCpuTime();
        startClockCpu = clockCpu();
        startClockUser = clockUser();
    }

    /** Samples the whole machine's recent CPU load (all processes, all cores), to show how much others took. */
    void sampleMachine() {
        double load = os.getCpuLoad();
        if (load >= 0) {
            machineLoadSum += load;
            machineLoadSamples++;
        }
    }

    Usage stop() {
        double wall = System.nanoTime() - startNanos;
        double process = os.getProcessCpuTime() - startProcessCpu;
        double clock = clockCpu() - startClockCpu;
        double clockUser = clockUser() - startClockUser;
        double machine = machineLoadSamples == 0 ? Double.NaN : 100 * machineLoadSum / machineLoadSamples;
        return new Usage(100 * process / wall, 100 * clock / wall, 100 * (clock - clockUser) / wall, machine);
    }

    private long clockCpu() {
        long sum = 0;
        for (long id : clockThreadIds) {
            sum += threads.getThreadCpuTime(id);
        }
        return sum;
    }

    private long clockUser() {
        long sum = 0;
        for (long id : clockThreadIds) {
            sum += threads.getThreadUserTime(id);
        }
        return sum;
    }

    private static long[] findClockThreads() {
        long[] ids = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(CLOCK_THREAD_PREFIX))
                .mapToLong(Thread::getId)
                .toArray();
        if (ids.length == 0) {
            throw new IllegalStateException("no " + CLOCK_THREAD_PREFIX + " thread: start the media engine first");
        }
        return ids;
    }
}
