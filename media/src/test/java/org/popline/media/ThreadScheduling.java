package org.popline.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A thread of this JVM as the kernel schedules it, read from /proc/self/task. */
record ThreadScheduling(String name, int policy, int priority) {

    static final int SCHED_RR = 2;

    private static final int CAP_SYS_NICE = 23;

    /** Whether this process may give its threads a real-time policy. */
    static boolean mayRaisePriority() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapEff:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << CAP_SYS_NICE)) != 0;
            }
        }
        return false;
    }

    static List<ThreadScheduling> threads(String name) throws IOException {
        List<ThreadScheduling> found = new ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (!comm.equals(name)) {
                    continue;
                }
                // Fields after the command name start at field 3; rt_priority is field 40, policy 41.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                found.add(new ThreadScheduling(comm, Integer.parseInt(fields[41 - 3]), Integer.parseInt(fields[40 - 3])));
            }
        }
        return found;
    }

    static ThreadScheduling awaitThread(String name, Predicate<ThreadScheduling> condition) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (ThreadScheduling thread : threads(name)) {
                if (condition.test(thread)) {
                    return thread;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no thread " + name + " as expected within 10 s: " + threads(name));
    }
}
