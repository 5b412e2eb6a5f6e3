package org.popline.web;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** HTTP spoken over a plain socket: requests a browser or HttpClient would not send (any Host, half a request). */
public final class RawHttp {

    /** An answer: status, the head as text, and the body. */
    public record Answer(int status, String head, String body) {
        public boolean hasHeader(String line) {
            return head.toLowerCase().contains("\r\n" + line.toLowerCase());
        }
    }

    private RawHttp() {
    }

    /** Sends {@code head} (request line and headers, without the blank line) and {@code body}; reads the whole answer. */
    public static Answer send(int port, String head, String body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            String request = head + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/1.1 ") || end < 0) {
                throw new IOException("not an HTTP answer: " + text);
            }
            return new Answer(Integer.parseInt(text.substring(9, 12)), text.substring(0, end + 2), text.substring(end + 4));
        }
    }

    /** Opens {@code count} connections that send nothing, or (when {@code halfRequest} is given) only that. */
    public static List<Socket> idle(int port, int count, String halfRequest) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                Socket s = new Socket();
                sockets.add(s);
                s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                if (halfRequest != null) {
                    s.getOutputStream().write(halfRequest.getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                }
            }
            return sockets;
        } catch (IOException e) {
            closeAll(sockets);
            throw e;
        }
    }

    public static void closeAll(List<Socket> sockets) {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException e) {
                // Closing a test's own socket: nothing to release beyond it.
            }
        }
    }

    /**
     * Polls {@code path} {@code polls} times, each on a fresh connection; every poll must be answered 200 within
     * {@code limit}, connecting included.
     *
     * @throws AssertionError naming the first poll that was not
     */
    public static void pollWithin(int port, String path, int polls, Duration limit) throws IOException {
        for (int i = 1; i <= polls; i++) {
            long started = System.nanoTime();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), (int) limit.toMillis());
                socket.setSoTimeout((int) limit.toMillis());
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                byte[] statusLine = socket.getInputStream().readNBytes(12);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                String status = new String(statusLine, StandardCharsets.US_ASCII);
                if (!status.equals("HTTP/1.1 200") || took.compareTo(limit) > 0) {
                    throw new AssertionError("poll " + i + " of " + path + " answered '" + status + "' after " + took);
                }
            } catch (java.net.SocketTimeoutException e) {
                throw new AssertionError("poll " + i + " of " + path + " not answered within " + limit, e);
            }
        }
    }
}
