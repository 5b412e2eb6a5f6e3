package org.popline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The limits every surface gets, over real HTTP: Host allowlist, body size, slow and idle clients, TLS. */
class WebServerTest {
    private WebServer server;

    /** Answers {"form": ...} with the form it read, or the query. */
    private static final Handler ECHO = new Handler.Abstract() {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            try {
                Answers.json(response, callback, 200, Map.of("form", RequestParts.form(request, 1024)));
            } catch (RequestParts.TooLarge e) {
                Answers.error(response, callback, 413, e.getMessage());
            }
            return true;
        }
    };

    private WebServer start(Optional<javax.net.ssl.SSLContext> tls) throws Exception {
        server = WebServer.start("test-http", new WebServer.Listen(InetAddress.getByName("127.0.0.1"), 0,
                HostAllowlist.ownNames(InetAddress.getByName("127.0.0.1"), null, List.of("popline.lan")), tls),
                WebServer.Limits.DEFAULT, ECHO);
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRequestForAnotherHostNameIsRefusedAndOwnNamesAreServed() throws Exception {
        int port = start(Optional.empty()).port();
        RawHttp.Answer rebinding = RawHttp.send(port, "GET /?a=1 HTTP/1.1\r\nHost: evil.example:" + port, "");
        assertEquals(421, rebinding.status(), rebinding.toString());
        assertTrue(rebinding.body().contains("Host"), rebinding.body());
        for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port, "popline.lan",
                "LOCALHOST")) {
            RawHttp.Answer own = RawHttp.send(port, "GET /?a=1 HTTP/1.1\r\nHost: " + host, "");
            assertEquals(200, own.status(), host + ": " + own);
            assertEquals("{\"form\":{\"a\":\"1\"}}", own.body(), "the query decoded by Jetty");
        }
    }

    @Test
    void anOversizedBodyIsAnswered413AndOversizedHeaders431() throws Exception {
        int port = start(Optional.empty()).port();
        String big = "x=" + "a".repeat((int) WebServer.Limits.DEFAULT.maxBodyBytes());
        RawHttp.Answer answer = RawHttp.send(port, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded", big);
        assertEquals(413, answer.status(), answer.head());
        RawHttp.Answer overFormLimit = RawHttp.send(port, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded", "x=" + "a".repeat(2000));
        assertEquals(413, overFormLimit.status(), "over what the handler takes: " + overFormLimit);
        RawHttp.Answer bigHead = RawHttp.send(port, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: "
                + "b".repeat(WebServer.Limits.DEFAULT.maxHeaderBytes()), "");
        assertEquals(431, bigHead.status(), bigHead.head());
        RawHttp.Answer small = RawHttp.send(port, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/x-www-form-urlencoded", "agent=a%20b&x=2");
        assertEquals("{\"form\":{\"agent\":\"a b\",\"x\":\"2\"}}", small.body());
    }

    @Test
    void halfSentRequestsAndFiveHundredIdleConnectionsDoNotDelayOthers() throws Exception {
        int port = start(Optional.empty()).port();
        // The first request loads and compiles the whole request path: not what is measured here.
        RawHttp.pollWithin(port, "/?poll=1", 3, Duration.ofSeconds(10));
        List<Socket> idle = RawHttp.idle(port, 500, null);
        // More half-sent requests than the server has threads: head only, a form's first bytes, a body's.
        List<Socket> halfSent = new ArrayList<>();
        halfSent.addAll(RawHttp.idle(port, 30, "GET /?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
        halfSent.addAll(RawHttp.idle(port, 30, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n\r\nx="));
        halfSent.addAll(RawHttp.idle(port, 30, "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\nx="));
        try {
            RawHttp.pollWithin(port, "/?poll=1", 20, Duration.ofSeconds(1));
        } finally {
            RawHttp.closeAll(idle);
            RawHttp.closeAll(halfSent);
        }
    }

    @Test
    void servesTlsWithALabCertificate(@TempDir Path folder) throws Exception {
        LabCertificate lab = LabCertificate.loadOrCreate(folder, "web-test", "Popline test", LabCertificate.LOOPBACK);
        int port = start(Optional.of(lab.serverContext())).port();
        var client = java.net.http.HttpClient.newBuilder().sslContext(lab.clientContext()).build();
        var r = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("https://127.0.0.1:" + port + "/?a=1"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("{\"form\":{\"a\":\"1\"}}", r.body());
        assertTrue(server.tls());
    }
}
