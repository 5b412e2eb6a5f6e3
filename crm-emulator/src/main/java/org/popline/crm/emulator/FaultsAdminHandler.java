package org.popline.crm.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;

/**
 * {@code /_emulator/faults}: GET shows the injected faults, POST sets the fields it names
 * ({@code latencyMs, errorRate, errorStatus, throttleRequests, retryAfterSeconds, tokenEndpointDown}),
 * DELETE clears them. Answers loopback clients only, so a lab server exposed on a LAN cannot be sabotaged.
 */
final class FaultsAdminHandler implements HttpHandler {

    private final EmulatorFaults faults;

    FaultsAdminHandler(EmulatorFaults faults) {
        this.faults = faults;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
            Exchanges.sendJson(exchange, 403, ApiGate.error("", "The emulator admin API answers loopback only."));
            return;
        }
        if (!exchange.getRequestURI().getPath().equals("/_emulator/faults")) {
            Exchanges.sendJson(exchange, 404, ApiGate.error("", "Unknown admin resource."));
            return;
        }
        switch (exchange.getRequestMethod()) {
            case "GET":
                break;
            case "DELETE":
                faults.clear();
                break;
            case "POST":
            case "PUT":
                try {
                    apply(Exchanges.JSON.readTree(Exchanges.body(exchange)));
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    Exchanges.sendJson(exchange, 400, ApiGate.error("", "Bad fault settings: " + e.getMessage()));
                    return;
                }
                break;
            default:
                Exchanges.sendJson(exchange, 405, ApiGate.error("", "Use GET, POST or DELETE."));
                return;
        }
        Exchanges.sendJson(exchange, 200, current());
    }

    private void apply(JsonNode settings) {
        if (settings == null || !settings.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        if (settings.has("latencyMs")) {
            faults.latency(Duration.ofMillis(settings.get("latencyMs").asLong()));
        }
        if (settings.has("errorRate") || settings.has("errorStatus")) {
            faults.errorRate(settings.path("errorRate").asDouble(faults.errorRate()),
                    settings.path("errorStatus").asInt(faults.errorStatus()));
        }
        if (settings.has("throttleRequests") || settings.has("retryAfterSeconds")) {
            faults.throttle(settings.path("throttleRequests").asInt(-1),
                    settings.path("retryAfterSeconds").asInt(faults.retryAfterSeconds()));
        }
        if (settings.has("tokenEndpointDown")) {
            faults.tokenEndpointDown(settings.get("tokenEndpointDown").asBoolean());
        }
    }

    private ObjectNode current() {
        int left = faults.throttledRequestsLeft();
        return Exchanges.JSON.createObjectNode()
                .put("latencyMs", faults.latencyMillis())
                .put("errorRate", faults.errorRate())
                .put("errorStatus", faults.errorStatus())
                .put("throttleRequests", left == Integer.MAX_VALUE ? -1 : left)
                .put("retryAfterSeconds", faults.retryAfterSeconds())
                .put("tokenEndpointDown", faults.tokenEndpointDown());
    }
}
