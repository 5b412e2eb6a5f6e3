package org.popline.crm.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** An OAuth error in Entra ID's shape, e.g. {@code invalid_client} with AADSTS7000215 for a wrong secret. */
record EntraError(int status, String error, int aadsts, String description) {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    void send(HttpExchange exchange) throws IOException {
        String traceId = UUID.randomUUID().toString();
        String requestId = exchange.getRequestHeaders().getFirst("client-request-id");
        // Entra echoes the caller's client-request-id as the correlation id, which is how MSAL4J matches its logs
        String correlationId = requestId != null && requestId.matches("[0-9a-fA-F-]{36}")
                ? requestId : UUID.randomUUID().toString();
        String timestamp = TIMESTAMP.format(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        ObjectNode body = Exchanges.JSON.createObjectNode()
                .put("error", error)
                .put("error_description", "AADSTS" + aadsts + ": " + description + " Trace ID: " + traceId
                        + " Correlation ID: " + correlationId + " Timestamp: " + timestamp);
        body.putArray("error_codes").add(aadsts);
        body.put("timestamp", timestamp)
                .put("trace_id", traceId)
                .put("correlation_id", correlationId)
                .put("error_uri", "https://login.microsoftonline.com/error?code=" + aadsts);
        exchange.getResponseHeaders().set("Cache-Control", "no-store, no-cache");
        Exchanges.sendJson(exchange, status, body);
    }
}
