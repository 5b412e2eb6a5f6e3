package org.popline.sip.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * A hand-driven SIP-over-TCP connection from a loopback address: sends whatever it is given, whole
 * messages or pieces of one, and reads back whole messages or notices that the server closed it.
 */
public final class RawTcpSip implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    /** Bytes received and not yet returned as a message. */
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean closedByServer;

    private RawTcpSip(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    public static RawTcpSip connect(String from, int port) throws IOException {
        Socket s = new Socket();
        try {
            s.bind(new InetSocketAddress(from, 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            return new RawTcpSip(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    /** A whole OPTIONS request naming this connection in its Via. */
    public String options(String callId) {
        String local = socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
        return "OPTIONS sip:ivr@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP " + local + ";branch=z9hG4bK-" + callId
                + "\r\nMax-Forwards: 70\r\nFrom: <sip:raw@127.0.0.1>;tag=t" + callId.hashCode()
                + "\r\nTo: <sip:ivr@127.0.0.1>\r\nCall-ID: " + callId + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    }

    public void send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** The next whole message from the server within the time given, or null (also when the server closed the connection). */
    public String receive(Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            String message = takeMessage();
            if (message != null) {
                return message;
            }
            if (closedByServer || !readSome(deadline)) {
                return null;
            }
        }
    }

    /** True when the server closed the connection within the time given (what it sent before is kept for {@link #receive}). */
    public boolean closedByServer(Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!closedByServer && readSome(deadline)) {
            // Reading on until the end of the stream or the deadline.
        }
        return closedByServer;
    }

    /** Reads what arrives before the deadline; false when the deadline passed first. */
    private boolean readSome(long deadline) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            return false;
        }
        socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
        byte[] buf = new byte[4096];
        try {
            int n = in.read(buf);
            if (n < 0) {
                closedByServer = true;
            } else {
                pending.write(buf, 0, n);
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            // A reset is the server closing too.
            closedByServer = true;
            return true;
        }
    }

    private String takeMessage() {
        String text = pending.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return null;
        }
        int length = 0;
        for (String line : text.substring(0, end).split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:") || lower.startsWith("l:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        int total = end + 4 + length;
        if (text.length() < total) {
            return null;
        }
        byte[] all = pending.toByteArray();
        pending.reset();
        pending.write(all, total, all.length - total);
        return text.substring(0, total);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is all we wanted.
        }
    }
}
