package org.popline.media.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A {@link BenchReceiver} in a child JVM, driven over its stdin and stdout. */
final class ReceiverProcess implements AutoCloseable {

    /** What the receiver measured over the recording window; times in microseconds. */
    record Result(long packets, long intervals, long p50Micros, long p99Micros, long maxMicros,
                  long lateFrames, long maxLateMicros, long lost, long overflow, long cpuNanos) {

        static Result parse(String line) {
            String[] f = line.trim().split(" ");
            if (f.length != 11 || !f[0].equals("RESULT")) {
                throw new IllegalStateException("bench receiver said: " + line);
            }
            long[] v = new long[10];
            for (int i = 0; i < v.length; i++) {
                v[i] = Long.parseLong(f[i + 1]);
            }
            return new Result(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
        }
    }

    private final Process process;
    private final BufferedReader out;
    private final PrintStream in;
    private final int[] ports;

    ReceiverProcess(int streams, int packetsPerStream, long lifetimeSeconds) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xms256m", "-Xmx1g", "-XX:+UseParallelGC",
                "-cp", System.getProperty("java.class.path"), BenchReceiver.class.getName(),
                Integer.toString(streams), Integer.toString(packetsPerStream), Long.toString(lifetimeSeconds)));
        process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        String line = out.readLine();
        if (line == null || !line.startsWith("PORTS ")) {
            process.destroyForcibly();
            throw new IOException("bench receiver did not start: " + line);
        }
        String[] fields = line.substring(6).split(" ");
        ports = new int[fields.length];
        for (int i = 0; i < fields.length; i++) {
            ports[i] = Integer.parseInt(fields[i]);
        }
    }

    int port(int stream) {
        return ports[stream];
    }

    void record() {
        in.println("RECORD");
    }

    Result report() throws IOException {
        in.println("REPORT");
        String line = out.readLine();
        if (line == null) {
            throw new IOException("bench receiver exited without a report");
        }
        return Result.parse(line);
    }

    @Override
    public void close() throws InterruptedException {
        in.close();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
