package org.popline.media.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.popline.media.rtp.RtpPacket;

/**
 * The far end of the benchmark's streams, run in its own JVM so that its garbage
 * collector and JIT do not pause the sender's clock thread. One thread reads every
 * stream through one selector and stamps each packet with {@link System#nanoTime()}
 * (the same monotonic clock as the sender's, on one machine).
 *
 * <p>Talks to the benchmark over stdio: prints {@code PORTS p1 p2 ...} once bound,
 * then obeys {@code RECORD} and {@code REPORT} lines; exits on {@code REPORT} or when
 * stdin closes, and in any case after the lifetime given.
 */
public final class BenchReceiver {

    private static final int MAX_DATAGRAM = 2048;

    private final DatagramChannel[] channels;
    private final ArrivalLog[] logs;
    private final Selector selector;
    private final long deadlineNanos;
    private volatile boolean recording;
    private volatile boolean running = true;
    private long recordingCpuNanos;

    private BenchReceiver(int streams, int capacity, long lifetimeNanos) throws IOException {
        channels = new DatagramChannel[streams];
        logs = new ArrivalLog[streams];
        selector = Selector.open();
        deadlineNanos = System.nanoTime() + lifetimeNanos;
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int i = 0; i < streams; i++) {
            channels[i] = DatagramChannel.open();
            channels[i].bind(new InetSocketAddress(loopback, 0));
            channels[i].configureBlocking(false);
            channels[i].register(selector, SelectionKey.OP_READ, i);
            logs[i] = new ArrivalLog(capacity);
        }
    }

    /** Arguments: stream count, packets to keep per stream, lifetime in seconds. */
    public static void main(String[] args) throws Exception {
        int streams = Integer.parseInt(args[0]);
        int capacity = Integer.parseInt(args[1]);
        long lifetimeNanos = Long.parseLong(args[2]) * 1_000_000_000L;
        BenchReceiver receiver = new BenchReceiver(streams, capacity, lifetimeNanos);
        Thread reader = new Thread(receiver::readLoop, "bench-receive");
        reader.setDaemon(true);
        reader.start();
        receiver.printPorts();
        boolean report = receiver.obey(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        receiver.running = false;
        receiver.selector.wakeup();
        // Joining the reader is also what makes its last writes to the logs visible here.
        reader.join();
        if (report) {
            System.out.println(receiver.summarise());
        }
        System.exit(0);
    }

    private void printPorts() throws IOException {
        StringBuilder line = new StringBuilder("PORTS");
        for (DatagramChannel channel : channels) {
            line.append(' ').append(((InetSocketAddress) channel.getLocalAddress()).getPort());
        }
        System.out.println(line);
        System.out.flush();
    }

    /** @return true on REPORT, false when stdin closed first */
    private boolean obey(BufferedReader commands) throws IOException {
        String command;
        while ((command = commands.readLine()) != null) {
            if (command.equals("RECORD")) {
                recordingCpuNanos = cpuNanos();
                recording = true;
            } else if (command.equals("REPORT")) {
                recording = false;
                recordingCpuNanos = cpuNanos() - recordingCpuNanos;
                return true;
            }
        }
        return false;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private void readLoop() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        try {
            while (running && System.nanoTime() < deadlineNanos) {
                selector.select(1000);
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    drain((DatagramChannel) key.channel(), logs[(Integer) key.attachment()], buffer);
                }
            }
        } catch (IOException e) {
            e.printStackTrace();
        }
        if (running) {
            System.err.println("bench receiver: lifetime over, exiting");
            Runtime.getRuntime().halt(2);
        }
    }

    private void drain(DatagramChannel channel, ArrivalLog log, ByteBuffer buffer) throws IOException {
        while (true) {
            buffer.clear();
            if (channel.receive(buffer) == null) {
                return;
            }
            long now = System.nanoTime();
            // Only RTP counts: the streams' RTCP reports go to the port above each receiver, which is
            // another stream's receiver when ports are handed out consecutively.
            if (recording && buffer.position() >= 12 && RtpPacket.parse(buffer.flip()).isPresent()) {
                log.record(now, buffer.getShort(2) & 0xFFFF, buffer.getInt(4));
            }
        }
    }

    /** One line: {@code RESULT packets intervals p50us p99us maxus late maxLateUs lost overflow cpuNanos}, CPU over the recording only. */
    private String summarise() {
        Histogram deviations = new Histogram();
        long packets = 0;
        long late = 0;
        long maxLate = 0;
        long lost = 0;
        long overflow = 0;
        for (ArrivalLog log : logs) {
            log.addDeviations(deviations);
            packets += log.size();
            late += log.lateFrames();
            maxLate = Math.max(maxLate, log.maxLatenessNanos());
            lost += log.lost();
            overflow += log.overflow();
        }
        return String.join(" ", "RESULT", Long.toString(packets), Long.toString(deviations.count()),
                Long.toString(deviations.percentileMicros(0.50)), Long.toString(deviations.percentileMicros(0.99)),
                Long.toString(deviations.maxMicros()), Long.toString(late), Long.toString(maxLate / 1000),
                Long.toString(lost), Long.toString(overflow), Long.toString(recordingCpuNanos));
    }
}
