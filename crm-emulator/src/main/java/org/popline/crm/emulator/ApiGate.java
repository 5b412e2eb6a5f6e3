package org.popline.crm.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * What every Web API request passes before it is served: injected latency, the bearer token check, then injected
 * throttling or server errors. Answers the request itself when it must not go further.
 */
final class ApiGate {

    private final AccessTokens tokens;
    private final EmulatorFaults faults;
    private final String tenant;
    private final String fallbackBaseUrl;

    ApiGate(AccessTokens tokens, EmulatorFaults faults, String tenant, String fallbackBaseUrl) {
        this.tokens = tokens;
        this.faults = faults;
        this.tenant = tenant;
        this.fallbackBaseUrl = fallbackBaseUrl;
    }

    /** True when the request may be served; false when this gate has already answered it. */
    boolean admit(HttpExchange exchange) throws IOException {
        delay();
        if (!authenticated(exchange)) {
            String base = Exchanges.baseUrl(exchange, fallbackBaseUrl);
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer authorization_uri=" + base + "/"
                    + tenant + "/oauth2/authorize, resource_id=" + base + "/");
            Exchanges.sendEmpty(exchange, 401);
            return false;
        }
        EmulatorFaults.Verdict verdict = faults.next();
        if (verdict instanceof EmulatorFaults.Verdict.Throttle throttle) {
            exchange.getResponseHeaders().set("Retry-After", String.valueOf(throttle.retryAfterSeconds()));
            Exchanges.sendOData(exchange, 429, error("0x80072322",
                    "Number of requests exceeded the limit of 6000 over time window of 300 seconds."));
            return false;
        }
        if (verdict instanceof EmulatorFaults.Verdict.Fail fail) {
            Exchanges.sendOData(exchange, fail.status(), error("0x80040216",
                    fail.status() == 503 ? "The service is temporarily unavailable." : "An unexpected error occurred."));
            return false;
        }
        return true;
    }

    private void delay() {
        long millis = faults.latencyMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean authenticated(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return tokens.isValid(authorization.substring(7).trim());
    }

    static ObjectNode error(String code, String message) {
        ObjectNode body = Exchanges.JSON.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        return body;
    }
}
