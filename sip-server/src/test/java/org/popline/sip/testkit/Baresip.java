package org.popline.sip.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real baresip softphone (Debian's baresip 1.0) that registers an agent's account with Popline
 * and nothing else: no audio modules, no calls. Stopped with SIGTERM, it unregisters on its way out.
 */
public final class Baresip implements AutoCloseable {
    private final Process process;
    private final Path dir;

    private Baresip(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    public static Baresip register(String user, String password, int sipPort) throws IOException {
        Path dir = Files.createTempDirectory("baresip-register");
        Files.writeString(dir.resolve("config"), String.join("\n",
                "poll_method epoll",
                "sip_listen 127.0.0.1:" + FreePorts.sipPort(),
                // An IP, not 'lo': the interface name fails here.
                "net_interface 127.0.0.1",
                "module_path /usr/lib/baresip/modules",
                "module_app account.so",
                "") + "\n");
        Files.writeString(dir.resolve("accounts"),
                "<sip:" + user + "@127.0.0.1:" + sipPort + ">;auth_pass=" + password + ";regint=60\n");
        Process p = new ProcessBuilder("baresip", "-f", dir.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("baresip.out").toFile()).redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        return new Baresip(p, dir);
    }

    /** Asks baresip to quit (SIGTERM), as Ctrl-C would; it unregisters first. */
    public void stop() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    public String output() throws IOException {
        Path out = dir.resolve("baresip.out");
        return Files.exists(out) ? Files.readString(out, StandardCharsets.ISO_8859_1) : "";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
