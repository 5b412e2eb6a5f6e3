package org.popline.ops.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * JSON views of the running server ({@code GET /health}, {@code GET /calls},
 * {@code GET /crm/lookup?ani=...}, ...), so that tests and operators can see what it holds, check that
 * nothing leaked after calls end, and try a caller lookup without placing a call; and a few
 * actions by POST (an agent's ready / not ready).
 */
public final class AdminEndpoints implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule()).registerModule(new Jdk8Module())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final HttpServer server;

    /**
     * @param views path (e.g. "/health") to what it shows for the request's query parameters,
     *              rendered as JSON on each GET
     * @param actions path to what a POST there does with the query parameters, answering JSON; an
     *              IllegalArgumentException (no such thing) answers 404, an IllegalStateException
     *              (not now) 409
     */
    public AdminEndpoints(InetAddress bind, int port, Map<String, Function<Map<String, String>, Object>> views,
            Map<String, Function<Map<String, String>, Object>> actions) throws IOException {
        server = HttpServer.create(new InetSocketAddress(bind, port), 16);
        actions.forEach((path, action) -> serve(path, "POST", exchange -> {
            if (crossSite(exchange)) {
                send(exchange, 403, JSON.writeValueAsBytes(Map.of("error", "cross-site request refused")));
            } else {
                act(exchange, action);
            }
        }));
        views.forEach((path, view) -> serve(path, "GET",
                exchange -> send(exchange, 200, JSON.writeValueAsBytes(view.apply(queryParameters(exchange))))));
        server.createContext("/", exchange -> {
            try (exchange) {
                send(exchange, 404, JSON.writeValueAsBytes(Map.of("error", "not found")));
            }
        });
        server.start();
    }

    /** Answers {@code method} requests for exactly {@code path}: 404 below it, 405 for other methods. */
    private void serve(String path, String method, HttpHandler handler) {
        server.createContext(path, exchange -> {
            try (exchange) {
                if (!exchange.getRequestURI().getPath().equals(path)) {
                    send(exchange, 404, JSON.writeValueAsBytes(Map.of("error", "not found")));
                } else if (!method.equals(exchange.getRequestMethod())) {
                    exchange.getResponseHeaders().add("Allow", method);
                    exchange.sendResponseHeaders(405, -1);
                } else {
                    handler.handle(exchange);
                }
            }
        });
    }

    private static void act(HttpExchange exchange, Function<Map<String, String>, Object> action) throws IOException {
        Object result;
        try {
            result = action.apply(queryParameters(exchange));
        } catch (IllegalArgumentException e) {
            send(exchange, 404, JSON.writeValueAsBytes(Map.of("error", String.valueOf(e.getMessage()))));
            return;
        } catch (IllegalStateException e) {
            send(exchange, 409, JSON.writeValueAsBytes(Map.of("error", String.valueOf(e.getMessage()))));
            return;
        }
        send(exchange, 200, JSON.writeValueAsBytes(result));
    }

    /**
     * A browser posting from another site's page sends that site as Origin; only this server's own
     * origin (or none, as from curl) may change state.
     */
    private static boolean crossSite(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        String host = exchange.getRequestHeaders().getFirst("Host");
        return origin != null && (host == null || !origin.equals("http://" + host));
    }

    private static Map<String, String> queryParameters(HttpExchange exchange) {
        Map<String, String> params = new LinkedHashMap<>();
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            params.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    /**
     * Adds a GET view after start; an IllegalArgumentException from it (a bad query parameter)
     * answers 400 naming the problem.
     */
    public void addView(String path, Function<Map<String, String>, Object> view) {
        addView(path, "application/json", query -> {
            try {
                return JSON.writeValueAsBytes(view.apply(query));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Adds a GET view answering text of the given type (Prometheus metrics, CSV) rather than JSON. */
    public void addTextView(String path, String contentType, Function<Map<String, String>, String> view) {
        addView(path, contentType, query -> view.apply(query).getBytes(StandardCharsets.UTF_8));
    }

    private void addView(String path, String contentType, Function<Map<String, String>, byte[]> view) {
        serve(path, "GET", exchange -> {
            byte[] body;
            try {
                body = view.apply(queryParameters(exchange));
            } catch (IllegalArgumentException e) {
                send(exchange, 400, JSON.writeValueAsBytes(Map.of("error", String.valueOf(e.getMessage()))));
                return;
            }
            HttpResponses.send(exchange, 200, contentType, body);
        });
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void send(HttpExchange exchange, int status, byte[] json) throws IOException {
        HttpResponses.send(exchange, status, "application/json", json);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
