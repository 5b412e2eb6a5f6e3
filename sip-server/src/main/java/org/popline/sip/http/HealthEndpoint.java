package org.popline.sip.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /health}: whether the server is up and what it holds (live calls, open RTP ports),
 * so that tests and operators can check that nothing leaked after calls end.
 */
public final class HealthEndpoint implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    public HealthEndpoint(InetAddress bind, int port, Supplier<Map<String, Object>> status) throws IOException {
        server = HttpServer.create(new InetSocketAddress(bind, port), 16);
        server.createContext("/health", exchange -> {
            try (exchange) {
                if (!"GET".equals(exchange.getRequestMethod())) {
                    exchange.getResponseHeaders().add("Allow", "GET");
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                send(exchange, 200, JSON.writeValueAsBytes(status.get()));
            }
        });
        server.createContext("/", exchange -> {
            try (exchange) {
                send(exchange, 404, JSON.writeValueAsBytes(Map.of("error", "not found")));
            }
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
