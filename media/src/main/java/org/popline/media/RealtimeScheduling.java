package org.popline.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Puts the calling thread under the kernel's real-time round-robin policy (SCHED_RR), as
 * Asterisk and FreeSWITCH do for their media threads: under CPU load a normal thread waits its
 * turn behind every busy one, and a frame sent 10 ms late is heard. The JDK has no call for
 * this, so it runs util-linux's {@code chrt} on the thread's kernel id, with reset-on-fork so
 * that no thread the clock might start inherits the priority. Needs CAP_SYS_NICE (root, or
 * {@code setcap}); without it the thread keeps its normal priority.
 */
final class RealtimeScheduling {

    /** The lowest and highest SCHED_RR priorities Linux accepts. */
    private static final int MIN_PRIORITY = 1;
    private static final int MAX_PRIORITY = 99;

    private static final long CHRT_TIMEOUT_SECONDS = 5;

    private RealtimeScheduling() {
    }

    /** Refuses a priority Linux does not have, before any thread asks for it. */
    static void checkPriority(int priority) {
        if (priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
            throw new IllegalArgumentException("real-time priority must be " + MIN_PRIORITY + "-" + MAX_PRIORITY
                    + ", not " + priority);
        }
    }

    /**
     * Raises the calling thread to SCHED_RR at {@code priority}.
     *
     * @return empty when it worked, otherwise why not
     */
    static Optional<String> raiseCurrentThread(int priority) {
        checkPriority(priority);
        String tid;
        try {
            // "<pid>/task/<tid>": the kernel's id of this very thread, which Java 17 does not expose.
            tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.of("no /proc/thread-self (not Linux?)");
        }
        try {
            Process chrt = new ProcessBuilder("chrt", "--reset-on-fork", "--rr", "-p", String.valueOf(priority), tid)
                    .redirectErrorStream(true)
                    .start();
            chrt.getOutputStream().close();
            if (!chrt.waitFor(CHRT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                chrt.destroyForcibly();
                return Optional.of("chrt did not finish in " + CHRT_TIMEOUT_SECONDS + " s");
            }
            String output = new String(chrt.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return chrt.exitValue() == 0 ? Optional.empty()
                    : Optional.of("chrt failed: " + (output.isEmpty() ? "exit " + chrt.exitValue() : output));
        } catch (IOException e) {
            return Optional.of("cannot run chrt (util-linux): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }
}
