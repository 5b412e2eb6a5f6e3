package org.popline.sip.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends mutated SIP messages at a server, seeded so that a run can be repeated, and bounded in
 * count and time: well-formed requests of every method Popline serves, each with one to three
 * mutations (bit flips, cut messages, repeated headers, oversized values, dropped headers, odd Via
 * transports, numbers out of range, stray bytes), one in four over TCP, the rest over UDP. Responses
 * are read and counted, never answered. Usable from a test and from the command line
 * ({@code bench/fuzz-sip.sh}).
 */
public final class SipFuzzer {
    private static final int MAX_DATAGRAM = 65_000;
    private static final int MESSAGES_PER_CONNECTION = 50;
    private static final String SDP = "v=0\r\no=fuzz 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 9 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
            + "a=fmtp:101 0-15\r\na=sendrecv\r\n";
    private static final String[] METHODS = {"INVITE", "INVITE", "INVITE", "REGISTER", "OPTIONS", "BYE", "CANCEL",
        "ACK", "INFO", "MESSAGE"};
    private static final String[] TRANSPORTS = {"SCTP", "TLS", "WS", "XYZ", "", "UDP ", "tcp", "U\u00dfP", "SIP/2.0"};
    private static final String[] ODD_VALUES = {"-1", "0", "4294967296", "99999999999999999999", "", " ", "\0",
        "<sip:>", "sip:@", "%00", "\"", "<", ";;;;", "tag=", "*"};

    /** What a run sent and got back. */
    public record Figures(long udp, long tcp, long tcpConnections, long responses, Duration took, Duration onTcp) {
        public long total() {
            return udp + tcp;
        }

        @Override
        public String toString() {
            return "%d messages (%d UDP, %d TCP over %d connections) in %d ms (%d ms of it on TCP), %d responses"
                    .formatted(total(), udp, tcp, tcpConnections, took.toMillis(), onTcp.toMillis(), responses);
        }
    }

    private final Random random;
    private final InetAddress server;
    private final int port;
    private final int perSecond;
    private final AtomicLong responses = new AtomicLong();

    /** @param perSecond messages per second at most, so that the run measures handling, not kernel drops */
    public SipFuzzer(long seed, InetAddress server, int port, int perSecond) {
        this.random = new Random(seed);
        this.server = server;
        this.port = port;
        this.perSecond = perSecond;
    }

    /** Sends {@code count} mutated messages, or as many as fit in {@code limit}. */
    public Figures run(int count, Duration limit) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        long udp = 0;
        long tcp = 0;
        long connections = 0;
        long tcpNanos = 0;
        try (DatagramSocket datagrams = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Thread udpReader = reader(datagrams);
            Socket stream = null;
            int onStream = 0;
            try {
                for (int i = 0; i < count && System.nanoTime() < deadline; i++) {
                    pace(start, i);
                    if (i % 4 == 3) {
                        long t0 = System.nanoTime();
                        if (stream == null || onStream >= MESSAGES_PER_CONNECTION) {
                            closeQuietly(stream);
                            stream = connect();
                            connections++;
                            onStream = 0;
                        }
                        String local = "127.0.0.1:" + stream.getLocalPort();
                        try {
                            stream.getOutputStream().write(mutated(template("TCP", local, i)));
                            onStream++;
                        } catch (IOException e) {
                            // The server closed the connection on what we sent: the next message opens another.
                            onStream = MESSAGES_PER_CONNECTION;
                        }
                        tcp++;
                        tcpNanos += System.nanoTime() - t0;
                    } else {
                        String local = "127.0.0.1:" + datagrams.getLocalPort();
                        byte[] message = mutated(template("UDP", local, i));
                        byte[] datagram = message.length > MAX_DATAGRAM ? Arrays.copyOf(message, MAX_DATAGRAM) : message;
                        datagrams.send(new DatagramPacket(datagram, datagram.length, server, port));
                        udp++;
                    }
                }
            } finally {
                closeQuietly(stream);
                udpReader.interrupt();
            }
        }
        return new Figures(udp, tcp, connections, responses.get(), Duration.ofNanos(System.nanoTime() - start),
                Duration.ofNanos(tcpNanos));
    }

    private void pace(long start, int sent) throws InterruptedException {
        long due = start + sent * 1_000_000_000L / perSecond;
        long wait = due - System.nanoTime();
        if (wait > 1_000_000) {
            Thread.sleep(wait / 1_000_000);
        }
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(server, port), 5000);
        s.setSoLinger(true, 0);
        Thread t = new Thread(() -> drain(s), "fuzz-tcp-reader");
        t.setDaemon(true);
        t.start();
        return s;
    }

    /** Reads what the server sends on a connection, so that its writes never block on us. */
    private void drain(Socket s) {
        byte[] buf = new byte[65536];
        try (InputStream in = s.getInputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                for (int i = 0; i + 7 < n; i++) {
                    if (buf[i] == 'S' && buf[i + 1] == 'I' && buf[i + 2] == 'P' && buf[i + 3] == '/' && buf[i + 7] == ' ') {
                        responses.incrementAndGet();
                    }
                }
            }
        } catch (IOException e) {
            // Closed by us or by the server.
        }
    }

    private Thread reader(DatagramSocket socket) throws SocketException {
        socket.setSoTimeout(200);
        Thread t = new Thread(() -> {
            byte[] buf = new byte[65536];
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    socket.receive(p);
                    if (p.getLength() > 8 && buf[0] == 'S' && buf[1] == 'I' && buf[2] == 'P') {
                        responses.incrementAndGet();
                    }
                } catch (IOException e) {
                    if (socket.isClosed()) {
                        return;
                    }
                }
            }
        }, "fuzz-udp-reader");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // Nothing to do: the socket is gone either way.
            }
        }
    }

    /** A well-formed request of a random method, as a phone at {@code local} would send it. */
    String template(String transport, String local, int n) {
        String method = METHODS[random.nextInt(METHODS.length)];
        boolean inDialog = method.equals("BYE") || method.equals("INFO") || method.equals("ACK") || random.nextInt(8) == 0;
        String callId = "fuzz-" + n + "-" + Integer.toHexString(random.nextInt());
        String body = method.equals("INVITE") ? SDP
                : method.equals("INFO") ? "Signal=" + random.nextInt(10) + "\r\nDuration=160\r\n" : "";
        String user = method.equals("REGISTER") ? "agent1" : "ivr";
        StringBuilder m = new StringBuilder()
                .append(method).append(" sip:").append(user).append("@127.0.0.1:").append(port).append(" SIP/2.0\r\n")
                .append("Via: SIP/2.0/").append(transport).append(' ').append(local)
                .append(";branch=z9hG4bK").append(Long.toHexString(random.nextLong())).append(";rport\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("From: \"Fuzz\" <sip:+1415555").append(1000 + random.nextInt(9000)).append("@127.0.0.1>;tag=")
                .append(Integer.toHexString(random.nextInt())).append("\r\n")
                .append("To: <sip:").append(user).append("@127.0.0.1>")
                .append(inDialog ? ";tag=" + Integer.toHexString(random.nextInt()) : "").append("\r\n")
                .append("Call-ID: ").append(callId).append("\r\n")
                .append("CSeq: ").append(1 + random.nextInt(1000)).append(' ').append(method).append("\r\n")
                .append("Contact: <sip:fuzz@").append(local).append(transport.equals("TCP") ? ";transport=tcp" : "")
                .append(">\r\n")
                .append("User-Agent: popline-fuzz\r\n");
        if (method.equals("REGISTER")) {
            m.append("Expires: 3600\r\n");
        }
        if (method.equals("INVITE") || random.nextInt(10) == 0) {
            m.append("P-Asserted-Identity: <tel:+14155550100>\r\n");
        }
        if (!body.isEmpty()) {
            m.append("Content-Type: ").append(method.equals("INFO") ? "application/dtmf-relay" : "application/sdp")
                    .append("\r\n");
        }
        m.append("Content-Length: ").append(body.length()).append("\r\n\r\n").append(body);
        return m.toString();
    }

    /** The message with one to three mutations. */
    byte[] mutated(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
        int mutations = 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            bytes = switch (random.nextInt(9)) {
                case 0 -> flipBits(bytes);
                case 1 -> Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
                case 2 -> lines(bytes, this::repeatHeader);
                case 3 -> lines(bytes, this::oversize);
                case 4 -> lines(bytes, this::dropHeader);
                case 5 -> replace(bytes, "SIP/2.0/UDP|SIP/2.0/TCP", "SIP/2.0/" + pick(TRANSPORTS));
                case 6 -> lines(bytes, this::oddValue);
                case 7 -> insertBytes(bytes);
                default -> replace(bytes, "Content-Length: [0-9]+", "Content-Length: " + pick(new String[] {
                    "0", "1", "99999", "2147483648", "-5", Integer.toString(random.nextInt(2000))}));
            };
        }
        return bytes;
    }

    private byte[] flipBits(byte[] b) {
        byte[] out = b.clone();
        int flips = 1 + random.nextInt(8);
        for (int i = 0; i < flips && out.length > 0; i++) {
            out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
    }

    private byte[] insertBytes(byte[] b) {
        byte[] junk = new byte[1 + random.nextInt(64)];
        random.nextBytes(junk);
        int at = random.nextInt(b.length + 1);
        byte[] out = new byte[b.length + junk.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(junk, 0, out, at, junk.length);
        System.arraycopy(b, at, out, at + junk.length, b.length - at);
        return out;
    }

    private interface LineMutation {
        void apply(List<String> headerLines);
    }

    /** Applies a mutation to the header lines (not the start line), keeping the body. */
    private byte[] lines(byte[] b, LineMutation mutation) {
        String text = new String(b, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String rest = end < 0 ? "" : text.substring(end);
        List<String> lines = new ArrayList<>(List.of(head.split("\r\n", -1)));
        if (lines.size() < 2) {
            return b;
        }
        List<String> headers = lines.subList(1, lines.size());
        mutation.apply(headers);
        return (String.join("\r\n", lines) + rest).getBytes(StandardCharsets.ISO_8859_1);
    }

    private void repeatHeader(List<String> headers) {
        String line = headers.get(random.nextInt(headers.size()));
        int times = 1 + random.nextInt(random.nextBoolean() ? 3 : 100);
        for (int i = 0; i < times; i++) {
            headers.add(random.nextInt(headers.size() + 1), line);
        }
    }

    private void oversize(List<String> headers) {
        int i = random.nextInt(headers.size());
        char filler = "a9;,<@%=\" ".charAt(random.nextInt(10));
        // Mostly past what a header needs, now and then past what a datagram can carry.
        int length = random.nextInt(20) == 0 ? 70_000 : 1 + random.nextInt(random.nextBoolean() ? 300 : 4000);
        headers.set(i, headers.get(i) + String.valueOf(filler).repeat(length));
    }

    private void dropHeader(List<String> headers) {
        headers.remove(random.nextInt(headers.size()));
    }

    private void oddValue(List<String> headers) {
        int i = random.nextInt(headers.size());
        String line = headers.get(i);
        int colon = line.indexOf(':');
        if (colon > 0) {
            headers.set(i, line.substring(0, colon + 1) + " " + pick(ODD_VALUES));
        }
    }

    private byte[] replace(byte[] b, String regex, String replacement) {
        String text = new String(b, StandardCharsets.ISO_8859_1);
        return text.replaceFirst(regex, java.util.regex.Matcher.quoteReplacement(replacement))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    /** {@code SipFuzzer <port> [count] [seed] [per-second]}: fuzzes a Popline on 127.0.0.1 and prints the figures. */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 3261;
        int rate = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
        Figures f = new SipFuzzer(seed, InetAddress.getLoopbackAddress(), port, rate)
                .run(count, Duration.ofMinutes(30));
        System.out.println("fuzz: " + f);
    }
}
