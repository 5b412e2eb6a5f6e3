package org.popline.ivr.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.popline.crm.http.Exchange;
import org.popline.ivr.http.HttpResult.Outcome;

/**
 * The caller against small servers on 127.0.0.1 that misbehave in ways the emulator does not:
 * refusing connections, never accepting them, trickling an answer, never speaking, answering too
 * much; and an echo server that shows what is actually sent.
 */
class HttpCallerNetworkTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final HttpCaller caller = new HttpCaller();
    private final ExecutorService serverThreads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "misbehaving-server");
        t.setDaemon(true);
        return t;
    });
    private final List<AutoCloseable> servers = new ArrayList<>();
    private HttpServer http;
    private final Map<String, Map<String, String>> seen = new ConcurrentHashMap<>();

    @BeforeEach
    void startEchoServer() throws IOException {
        http = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 16);
        http.setExecutor(serverThreads);
        http.createContext("/echo", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            seen.put("request", Map.of(
                    "method", exchange.getRequestMethod(),
                    "accept", String.valueOf(exchange.getRequestHeaders().getFirst("Accept")),
                    "contentType", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")),
                    "custom", String.valueOf(exchange.getRequestHeaders().getFirst("X-Flow")),
                    "body", new String(body, StandardCharsets.UTF_8)));
            byte[] answer = "{\"name\":\"Groß\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        http.createContext("/missing", exchange -> {
            byte[] answer = "{\"error\":\"no such thing\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        http.createContext("/huge", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                for (int sent = 0; sent <= Exchange.MAX_BODY_BYTES; sent += chunk.length) {
                    out.write(chunk);
                }
            } catch (IOException clientHungUp) {
                // expected: the caller drops the connection once it has seen enough
            }
        });
        http.start();
    }

    @AfterEach
    void stopServers() throws Exception {
        caller.close();
        http.stop(0);
        for (AutoCloseable server : servers) {
            server.close();
        }
        serverThreads.shutdownNow();
    }

    private URI local(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpRequestSpec get(URI uri, Duration timeout, int retries) {
        return new HttpRequestSpec("GET", uri, Map.of(), Optional.empty(), timeout, retries, Optional.empty());
    }

    @Test
    void sendsMethodHeadersAndUtf8BodyWithJsonDefaults() throws Exception {
        HttpRequestSpec patch = new HttpRequestSpec("PATCH", local(http.getAddress().getPort(), "/echo?x=1"),
                Map.of("X-Flow", "reference"), Optional.of("{\"city\":\"Köln\"}"), Duration.ofSeconds(2), 0,
                Optional.empty());

        HttpResult result = caller.execute(patch);

        assertEquals(Outcome.SUCCESS, result.outcome(), result.detail());
        assertEquals("{\"name\":\"Groß\"}", result.body());
        assertEquals(Map.of("method", "PATCH", "accept", "application/json", "contentType", "application/json",
                "custom", "reference", "body", "{\"city\":\"Köln\"}"), seen.get("request"));
    }

    @Test
    void theFlowsOwnAcceptAndContentTypeAreKept() throws Exception {
        HttpRequestSpec post = new HttpRequestSpec("POST", local(http.getAddress().getPort(), "/echo"),
                Map.of("accept", "text/plain", "Content-Type", "application/x-www-form-urlencoded"),
                Optional.of("q=%C3%BC"), Duration.ofSeconds(2), 0, Optional.empty());

        assertEquals(Outcome.SUCCESS, caller.execute(post).outcome());
        assertEquals("text/plain", seen.get("request").get("accept"));
        assertEquals("application/x-www-form-urlencoded", seen.get("request").get("contentType"));

        HttpResult plain = caller.execute(get(local(http.getAddress().getPort(), "/echo"), Duration.ofSeconds(2), 0));

        assertEquals(Outcome.SUCCESS, plain.outcome());
        assertEquals("null", seen.get("request").get("contentType"), "no body, no Content-Type");
    }

    @Test
    void notFoundIsAnErrorWithTheAnswersBody() throws Exception {
        HttpResult result = caller.execute(get(local(http.getAddress().getPort(), "/missing?secret=1"),
                Duration.ofSeconds(2), 3));

        assertEquals(Outcome.ERROR, result.outcome());
        assertEquals("404 from GET /missing", result.detail());
        assertEquals("{\"error\":\"no such thing\"}", result.body());
        assertEquals(1, result.attempts());
    }

    @Test
    void aRefusedConnectionIsAnErrorQuickly() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            closedPort = probe.getLocalPort();
        }

        HttpResult result = caller.execute(get(local(closedPort, "/api"), Duration.ofSeconds(2), 2));

        assertEquals(Outcome.ERROR, result.outcome());
        assertEquals("connection refused by 127.0.0.1:" + closedPort, result.detail());
        assertEquals(3, result.attempts());
        assertTrue(result.took().compareTo(Duration.ofSeconds(2)) < 0, "backoff only, no waiting: " + result.took());
    }

    @Test
    void aServerTricklingItsBodyIsCutOffAtTheTimeout() throws Exception {
        ServerSocket trickler = server(socket -> {
            readRequestHead(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 1000; i++) {
                out.write(' ');
                out.flush();
                Thread.sleep(50);
            }
        });
        Duration timeout = Duration.ofMillis(600);

        HttpResult result = caller.execute(get(local(trickler.getLocalPort(), "/slow"), timeout, 0));

        assertEquals(Outcome.TIMEOUT, result.outcome(), result.detail());
        assertEquals("no answer in 600 ms", result.detail());
        assertTrue(result.took().compareTo(timeout) >= 0, result.took().toString());
        assertTrue(result.took().compareTo(Duration.ofMillis(1500)) < 0, "cut off near the timeout: " + result.took());
    }

    @Test
    void aServerThatNeverSpeaksTlsTimesOut() throws Exception {
        ServerSocket silent = server(socket -> Thread.sleep(10_000));
        Duration timeout = Duration.ofMillis(500);

        HttpResult result = caller.execute(get(URI.create("https://127.0.0.1:" + silent.getLocalPort() + "/x"),
                timeout, 1));

        assertEquals(Outcome.TIMEOUT, result.outcome(), result.detail());
        assertEquals(2, result.attempts());
        assertTrue(result.took().compareTo(Duration.ofMillis(2500)) < 0, result.took().toString());
    }

    @Test
    void aConnectionThatIsNeverAcceptedTimesOut() throws Exception {
        ServerSocket full = new ServerSocket(0, 1, LOOPBACK);
        servers.add(full);
        // Never accepting, with a backlog of one: once the queue is full, Linux drops further SYNs and connect hangs.
        boolean hangs = false;
        for (int i = 0; i < 4 && !hangs; i++) {
            Socket filler = new Socket();
            servers.add(filler);
            try {
                filler.connect(full.getLocalSocketAddress(), 300);
            } catch (SocketTimeoutException queueFull) {
                hangs = true;
            }
        }
        assumeTrue(hangs, "this system refuses or accepts connections beyond the backlog");
        Duration timeout = Duration.ofMillis(500);

        HttpResult result = caller.execute(get(local(full.getLocalPort(), "/x"), timeout, 0));

        assertEquals(Outcome.TIMEOUT, result.outcome(), result.detail());
        assertTrue(result.took().compareTo(Duration.ofMillis(1500)) < 0, result.took().toString());
    }

    @Test
    void anAnswerTooLargeToHoldIsAnError() throws Exception {
        HttpResult result = caller.execute(get(local(http.getAddress().getPort(), "/huge"), Duration.ofSeconds(5), 2));

        assertEquals(Outcome.ERROR, result.outcome());
        assertEquals("answer body larger than 4 MiB", result.detail());
        assertEquals(1, result.attempts(), "the same request would get the same answer");
    }

    @Test
    void onlyAbsoluteHttpUrlsAreSent() throws Exception {
        HttpResult result = caller.execute(get(URI.create("ftp://127.0.0.1/file"), Duration.ofSeconds(1), 0));

        assertEquals(Outcome.ERROR, result.outcome());
        assertEquals("not an absolute http or https URL", result.detail());
    }

    /** What one accepted connection does; the server closes the socket when it returns or throws. */
    private interface Behaviour {
        void serve(Socket socket) throws Exception;
    }

    private ServerSocket server(Behaviour behaviour) throws IOException {
        ServerSocket server = new ServerSocket(0, 16, LOOPBACK);
        servers.add(server);
        serverThreads.execute(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    serverThreads.execute(() -> {
                        try (socket) {
                            behaviour.serve(socket);
                        } catch (Exception endOfTest) {
                            // the caller hung up or the test is over
                        }
                    });
                } catch (IOException closed) {
                    return;
                }
            }
        });
        return server;
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
    }
}
