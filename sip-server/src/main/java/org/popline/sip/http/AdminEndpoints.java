package org.popline.sip.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Read-only JSON views of the running server ({@code GET /health}, {@code GET /calls}), so that
 * tests and operators can see what it holds and check that nothing leaked after calls end.
 */
public final class AdminEndpoints implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule()).registerModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final HttpServer server;

    /** @param views path (e.g. "/health") to what it shows, rendered as JSON on each GET */
    public AdminEndpoints(InetAddress bind, int port, Map<String, Supplier<Object>> views) throws IOException {
        server = HttpServer.create(new InetSocketAddress(bind, port), 16);
        views.forEach((path, view) -> server.createContext(path, exchange -> {
            try (exchange) {
                if (!exchange.getRequestURI().getPath().equals(path)) {
                    send(exchange, 404, JSON.writeValueAsBytes(Map.of("error", "not found")));
                } else if (!"GET".equals(exchange.getRequestMethod())) {
                    exchange.getResponseHeaders().add("Allow", "GET");
                    exchange.sendResponseHeaders(405, -1);
                } else {
                    send(exchange, 200, JSON.writeValueAsBytes(view.get()));
                }
            }
        }));
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
