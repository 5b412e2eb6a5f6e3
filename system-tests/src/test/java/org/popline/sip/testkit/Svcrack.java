package org.popline.sip.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs SIPVicious' password guesser {@code svcrack} (Debian's sipvicious) against Popline from
 * 127.0.0.1 with a dictionary. Against a server that keeps refusing it never ends by itself, so
 * the test stops it. (Its SIGINT summary is no use here: a process started in the background may
 * have SIGINT ignored.)
 */
public final class Svcrack implements AutoCloseable {
    private final Process process;
    private final Path output;

    private Svcrack(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    public static Svcrack start(int sipPort, String user, Path dictionary) throws IOException {
        Path output = Files.createTempFile("svcrack", ".out");
        Process p = new ProcessBuilder(List.of("svcrack", "-u", user, "-d", dictionary.toString(),
                "-p", Integer.toString(sipPort), "-b", "127.0.0.1", "-P", Integer.toString(FreePorts.sipPort()),
                "127.0.0.1")).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        return new Svcrack(p, output);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Stops it (if still running) and returns everything it printed. A password it finds is printed
     * the moment it is found ("The password for ... is ..."), and then svcrack ends by itself.
     */
    public String stop() throws IOException, InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
        Files.deleteIfExists(output);
    }
}
