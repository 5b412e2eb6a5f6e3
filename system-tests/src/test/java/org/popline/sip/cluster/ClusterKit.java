package org.popline.sip.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.popline.app.ConfFolder;

/**
 * The repository's cluster kit (cluster/up.sh, cluster/down.sh) run as a user would, in a run
 * folder of the test's own; what up.sh printed, and the PIDs it wrote.
 */
final class ClusterKit implements AutoCloseable {
    /** @param adminToken where the node keeps its admin API token (up.sh gives each node its own file) */
    record Node(String name, String sipAddress, int sipPort, int httpPort, Path adminToken) {
    }

    private final Path repo;
    private final Path run;
    final String proxyAddress;
    final int proxyPort;
    final Map<String, Node> nodes = new LinkedHashMap<>();

    private ClusterKit(Path repo, Path run, String output) {
        this.repo = repo;
        this.run = run;
        String proxy = null;
        for (String line : output.split("\n")) {
            String[] w = line.trim().split(" ");
            if (w[0].equals("proxy")) {
                proxy = w[1];
            } else if (w[0].equals("node") && w.length == 5) {
                String[] sip = w[2].split(":");
                nodes.put(w[1], new Node(w[1], sip[0], Integer.parseInt(sip[1]), Integer.parseInt(w[4]),
                        run.resolve(w[1]).resolve("admin-token")));
            }
        }
        if (proxy == null) {
            throw new IllegalStateException("up.sh printed no proxy line:\n" + output);
        }
        proxyAddress = proxy.split(":")[0];
        proxyPort = Integer.parseInt(proxy.split(":")[1]);
    }

    static ClusterKit up(int nodes, List<String> sets) throws IOException, InterruptedException {
        Path repo = ConfFolder.path().toAbsolutePath().getParent();
        if (!Files.isRegularFile(repo.resolve("app/target/popline.jar"))) {
            throw new IllegalStateException("app/target/popline.jar is missing: run mvn -B verify, or mvn -B -DskipTests package first");
        }
        Path run = Files.createTempDirectory("popline-cluster");
        List<String> cmd = new java.util.ArrayList<>(List.of(repo.resolve("cluster/up.sh").toString(),
                "--nodes", Integer.toString(nodes), "--dir", run.toString()));
        sets.forEach(set -> cmd.addAll(List.of("--set", set)));
        Process up = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(run.resolve("up.out").toFile()).start();
        boolean done = up.waitFor(nodes * 150L + 60, TimeUnit.SECONDS);
        String output = Files.readString(run.resolve("up.out"), StandardCharsets.UTF_8);
        if (!done || up.exitValue() != 0) {
            if (!done) {
                up.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            down(repo, run);
            throw new IllegalStateException("cluster/up.sh failed:\n" + output + logs(run));
        }
        return new ClusterKit(repo, run, output);
    }

    /** Kills a node as a crash would (SIGKILL), by the PID up.sh wrote. */
    void kill(String node) throws Exception {
        long pid = Long.parseLong(Files.readString(run.resolve(node + ".pid")).trim());
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(node + " is not running"));
        handle.destroyForcibly();
        handle.onExit().get(10, TimeUnit.SECONDS);
    }

    String logs() {
        return logs(run);
    }

    /** One process's log: kamailio, redis or a node's name. */
    String log(String name) throws IOException {
        return Files.readString(run.resolve(name + ".log"), StandardCharsets.ISO_8859_1);
    }

    /** Stops the kit and removes its run folder (failed assertions carry the logs already). */
    @Override
    public void close() throws IOException, InterruptedException {
        down(repo, run);
        try (var files = Files.walk(run)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static void down(Path repo, Path run) throws IOException, InterruptedException {
        Process down = new ProcessBuilder(repo.resolve("cluster/down.sh").toString(), "--dir", run.toString())
                .redirectErrorStream(true).redirectOutput(run.resolve("down.out").toFile()).start();
        if (!down.waitFor(120, TimeUnit.SECONDS)) {
            down.destroyForcibly();
        }
    }

    private static String logs(Path run) {
        StringBuilder text = new StringBuilder();
        try (var files = Files.list(run)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                String log = Files.readString(f, StandardCharsets.ISO_8859_1);
                text.append("\n== ").append(f.getFileName()).append('\n')
                        .append(log.length() > 3000 ? log.substring(log.length() - 3000) : log);
            }
        } catch (IOException e) {
            text.append("\n(logs unreadable: ").append(e).append(')');
        }
        return text.toString();
    }
}
