package org.popline.web;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
     * Polls {@code url} {@code polls} times on fresh connections; every poll must be answered 200 within {@code limit}.
     *
     * @throws AssertionError naming the first poll that was not
     */
    public static void pollWithin(String url, int polls, Duration limit) throws Exception {
        for (int i = 0; i < polls; i++) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(limit).build();
            CompletableFuture<HttpResponse<String>> answer = client.sendAsync(HttpRequest.newBuilder(URI.create(url))
                    .timeout(limit).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> r;
            try {
                r = answer.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                throw new AssertionError("poll " + (i + 1) + " of " + url + " not answered within " + limit + ": " + e, e);
            }
            if (r.statusCode() != 200) {
                throw new AssertionError("poll " + (i + 1) + " answered " + r.statusCode() + ": " + r.body());
            }
        }
    }
}
