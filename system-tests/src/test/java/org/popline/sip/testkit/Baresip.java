package org.popline.sip.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real baresip softphone (Debian's baresip 1.0) that registers an agent's account with Popline:
 * either only registering ({@link #register}), or also answering calls at once, sending a WAV and
 * recording what it hears ({@link #answering}). Stopped with SIGTERM, it unregisters on its way out.
 */
public final class Baresip implements AutoCloseable {
    private final Process process;
    private final Path dir;

    private Baresip(Process process, Path dir) {
        this.process = process;
        this.dir = dir;
    }

    public static Baresip register(String user, String password, int sipPort) throws IOException {
        return start("baresip-register", List.of("module_app account.so"),
                account(user, password, sipPort) + ";regint=60");
    }

    /**
     * A phone that answers every call at once (PCMA only, so a PCMU caller is transcoded), sends
     * {@code audio} (8 kHz mono 16-bit WAV) and records what it receives into {@code recordings}
     * as {@code dump-*-dec.wav}, with no sound card (ALSA's null device).
     */
    public static Baresip answering(String user, String password, int sipPort, Path audio, Path recordings)
            throws IOException {
        Files.createDirectories(recordings);
        int rtp = FreePorts.udpBlock(20);
        return start("baresip-agent", List.of(
                "rtp_ports " + rtp + "-" + (rtp + 19),
                "audio_player alsa,null",
                "audio_alert alsa,null",
                "audio_source aufile," + audio.toAbsolutePath(),
                "ausrc_format s16",
                "auplay_format s16",
                "auenc_format s16",
                "audec_format s16",
                "audio_buffer 20-160",
                "rtcp_mux no",
                "module g711.so",
                "module alsa.so",
                "module aufile.so",
                "module sndfile.so",
                "module_app account.so",
                "module_app menu.so",
                "snd_path " + recordings.toAbsolutePath()),
                account(user, password, sipPort) + ";regint=60;audio_codecs=pcma;answermode=auto");
    }

    private static String account(String user, String password, int sipPort) {
        return "<sip:" + user + "@127.0.0.1:" + sipPort + ">;auth_pass=" + password;
    }

    private static Baresip start(String name, List<String> config, String account) throws IOException {
        Path dir = Files.createTempDirectory(name);
        List<String> lines = new ArrayList<>(List.of(
                "poll_method epoll",
                "sip_listen 127.0.0.1:" + FreePorts.sipPort(),
                // An IP, not 'lo': the interface name fails here.
                "net_interface 127.0.0.1",
                "module_path /usr/lib/baresip/modules"));
        lines.addAll(config);
        Files.writeString(dir.resolve("config"), String.join("\n", lines) + "\n");
        Files.writeString(dir.resolve("accounts"), account + "\n");
        Files.writeString(dir.resolve("contacts"), "");
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
