package org.popline.crm.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Small helpers every handler uses to read a request and write a complete response. */
final class Exchanges {

    static final ObjectMapper JSON = new ObjectMapper();

    private Exchanges() {
    }

    static String body(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** The scheme and authority the client used, so links it receives point back the way it came. */
    static String baseUrl(HttpExchange exchange, String fallback) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        return host == null || host.isBlank() ? fallback : "https://" + host;
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        // A request body left unread when the response ends makes the JDK's server close the connection
        // from its dispatcher thread, racing the handler's own drain and the client's next request on it
        // (the likely cause of a POST that got no answer for 40 s in CI, right after a 503 like that).
        // Answers that do not read the body (a 503 while the token endpoint is down, 404s, 405s) read it
        // to the end here, so the connection stays reusable.
        exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        if (body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
    }

    /** Web API responses carry the OData headers real Dataverse sends. */
    static void sendOData(HttpExchange exchange, int status, Object body) throws IOException {
        exchange.getResponseHeaders().set("OData-Version", "4.0");
        send(exchange, status, "application/json; odata.metadata=minimal", JSON.writeValueAsBytes(body));
    }

    static void sendHtml(HttpExchange exchange, int status, String html) throws IOException {
        send(exchange, status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    static void sendEmpty(HttpExchange exchange, int status) throws IOException {
        send(exchange, status, null, new byte[0]);
    }

    static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        sendEmpty(exchange, 303);
    }
}
