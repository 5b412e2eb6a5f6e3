package org.popline.sip.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real SIPp binary (Debian's sip-tester) with a scenario from src/test/resources/sipp,
 * bounded in calls and time, and keeps its output for the assertion message.
 */
public final class Sipp {
    private final String scenario;
    private final Map<String, String> keys = new LinkedHashMap<>();
    private String transport = "u1";
    private String localAddress = "127.0.0.1";
    private String remoteAddress = "127.0.0.1";
    private final List<String> options = new ArrayList<>();
    private Duration pause = Duration.ofSeconds(1);
    private int calls = 1;
    private int listenPort;
    private int localPort;

    private Sipp(String scenario) {
        this.scenario = scenario;
    }

    public static Sipp scenario(String name) {
        return new Sipp(name).key("caller", "sipp").key("rtpport", "9");
    }

    public Sipp key(String name, String value) {
        keys.put(name, value);
        return this;
    }

    public Sipp tcp() {
        transport = "t1";
        return this;
    }

    /** How long the scenario's plain {@code <pause/>} lasts. */
    public Sipp pause(Duration d) {
        pause = d;
        return this;
    }

    /**
     * Runs as a server (an agent's phone) on {@code port} instead of calling Popline: the
     * scenario starts by receiving a request.
     */
    public Sipp listenOn(int port) {
        listenPort = port;
        return this;
    }

    /** Sends from this port (SIPp's -p), e.g. a phone's own port for its REGISTER through a proxy that records it. */
    public Sipp fromPort(int port) {
        localPort = port;
        return this;
    }

    public Sipp calls(int n) {
        calls = n;
        return this;
    }

    /** Sends from another address of 127.0.0.0/8 (SIPp's -i), so that the server sees another source. */
    public Sipp from(String address) {
        localAddress = address;
        return this;
    }

    /** Calls Popline at another address of 127.0.0.0/8 (one bound where a LAN address would be). */
    public Sipp to(String address) {
        remoteAddress = address;
        return this;
    }

    /** What the scenario's {@code [authentication]} answers a 401 with. */
    public Sipp auth(String user, String password) {
        options.addAll(List.of("-au", user, "-ap", password));
        return this;
    }

    /** The scenario's {@code [call_id]}, the same in every run: a phone refreshing its registration keeps it. */
    public Sipp callId(String callId) {
        options.addAll(List.of("-cid_str", callId.replace("%", "%%")));
        return this;
    }

    /** The first {@code [cseq]} of the scenario; a refresh must count above the registration it refreshes. */
    public Sipp baseCseq(long cseq) {
        options.addAll(List.of("-base_cseq", Long.toString(cseq)));
        return this;
    }

    public record Result(int exitCode, String output, long endedAtNanos) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    public Result run(int sipPort, Duration timeout) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("sipp");
        Path xml = dir.resolve(scenario);
        try (var in = Sipp.class.getResourceAsStream("/sipp/" + scenario)) {
            if (in == null) {
                throw new IOException("no scenario " + scenario);
            }
            Files.copy(in, xml);
        }
        List<String> cmd = new ArrayList<>(List.of("sipp"));
        if (listenPort == 0) {
            cmd.add(remoteAddress + ":" + sipPort);
        }
        cmd.addAll(List.of("-sf", xml.toString(),
                "-i", localAddress, "-mi", localAddress,
                "-p", Integer.toString(listenPort != 0 ? listenPort : localPort != 0 ? localPort : FreePorts.sipPort()),
                "-mp", Integer.toString(FreePorts.udpBlock(4)), "-t", transport, "-s", "ivr",
                "-m", Integer.toString(calls), "-r", Integer.toString(Math.max(1, calls)), "-l", Integer.toString(calls),
                "-d", Long.toString(pause.toMillis()), "-timeout", timeout.toSeconds() + "s", "-timeout_error",
                "-recv_timeout", timeout.toMillis() + "", "-max_invite_retrans", "3",
                "-nostdin", "-trace_err", "-trace_logs"));
        cmd.addAll(options);
        keys.forEach((k, v) -> {
            cmd.add("-key");
            cmd.add(k);
            cmd.add(v);
        });
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("sipp.out").toFile()).start();
        if (!p.waitFor(timeout.toSeconds() + 15, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
        }
        long ended = System.nanoTime();
        StringBuilder out = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> !f.equals(xml)).sorted().toList()) {
                String text = Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1);
                out.append("== ").append(f.getFileName()).append('\n')
                        .append(text.length() > 4000 ? text.substring(text.length() - 4000) : text).append('\n');
            }
        }
        int code = p.isAlive() ? -1 : p.exitValue();
        return new Result(code, out.toString(), ended);
    }
}
