package org.popline.media.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU used by this (the sending) JVM and by its media-clock thread between
 * {@link #start()} and {@link #stop()}, from the JVM's own CPU-time counters.
 */
final class SenderLoad {

    /**
     * CPU time as percent of one core: 100 means one core fully busy. The clock
     * thread's system (kernel) share is mostly the send system calls, which on loopback
     * include delivering each datagram to the receiving socket.
     */
    record Usage(double processPercent, double clockThreadPercent, double clockThreadSystemPercent,
                 double machinePercent) {
    }

    private static final String CLOCK_THREAD = "media-clock";

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final long clockThreadId = findClockThread();
    private long startNanos;
    private long startProcessCpu;
    private long startClockCpu;
    private long startClockUser;
    private double machineLoadSum;
    private int machineLoadSamples;

    void start() {
        startNanos = System.nanoTime();
        startProcessCpu = os.getProcessCpuTime();
        startClockCpu = threads.getThreadCpuTime(clockThreadId);
        startClockUser = threads.getThreadUserTime(clockThreadId);
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
        double clock = threads.getThreadCpuTime(clockThreadId) - startClockCpu;
        double clockUser = threads.getThreadUserTime(clockThreadId) - startClockUser;
        double machine = machineLoadSamples == 0 ? Double.NaN : 100 * machineLoadSum / machineLoadSamples;
        return new Usage(100 * process / wall, 100 * clock / wall, 100 * (clock - clockUser) / wall, machine);
    }

    private static long findClockThread() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals(CLOCK_THREAD)) {
                return thread.getId();
            }
        }
        throw new IllegalStateException("no " + CLOCK_THREAD + " thread: start the media engine first");
    }
}
