package org.popline.crm.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import org.popline.crm.emulator.odata.QueryString;

/**
 * {@code POST /{tenant}/oauth2/v2.0/token} for the client credentials grant, checked in the order Entra checks:
 * tenant, grant type, client id, scope, secret. Extra fields MSAL4J sends (client_info, openid scopes) are fine.
 */
final class TokenEndpoint {

    private final EmulatorSettings settings;
    private final AccessTokens tokens;
    private final EmulatorFaults faults;
    private final String fallbackBaseUrl;

    TokenEndpoint(EmulatorSettings settings, AccessTokens tokens, EmulatorFaults faults, String fallbackBaseUrl) {
        this.settings = settings;
        this.tokens = tokens;
        this.faults = faults;
        this.fallbackBaseUrl = fallbackBaseUrl;
    }

    void handle(HttpExchange exchange, String tenant) throws IOException {
        if (faults.tokenEndpointDown()) {
            new EntraError(503, "temporarily_unavailable", 50196,
                    "The server is temporarily unavailable. Please try again later.").send(exchange);
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            new EntraError(405, "invalid_request", 900561,
                    "The endpoint only accepts POST requests. Received a " + exchange.getRequestMethod()
                            + " request.").send(exchange);
            return;
        }
        Map<String, String> form = QueryString.parse(Exchanges.body(exchange));
        EntraError error = check(exchange, tenant, form);
        if (error != null) {
            error.send(exchange);
            return;
        }
        String resource = resourceScope(form.get("scope")).replaceFirst("/\\.default$", "");
        String issuer = Exchanges.baseUrl(exchange, fallbackBaseUrl) + "/" + settings.tenant() + "/v2.0";
        long lifetime = settings.tokenLifetime().toSeconds();
        ObjectNode body = Exchanges.JSON.createObjectNode()
                .put("token_type", "Bearer")
                .put("expires_in", lifetime)
                .put("ext_expires_in", lifetime)
                .put("access_token", tokens.issue(issuer, resource, settings.tenant(), settings.clientId(),
                        settings.tokenLifetime()));
        exchange.getResponseHeaders().set("Cache-Control", "no-store, no-cache");
        Exchanges.sendJson(exchange, 200, body);
    }

    private EntraError check(HttpExchange exchange, String tenant, Map<String, String> form) {
        if (!tenant.equalsIgnoreCase(settings.tenant())) {
            return new EntraError(400, "invalid_request", 90002, "Tenant '" + tenant + "' not found. Check to make"
                    + " sure you have the correct tenant ID and are signing into the correct cloud.");
        }
        String grantType = form.get("grant_type");
        if (grantType == null || grantType.isEmpty()) {
            return missing("grant_type");
        }
        if (!grantType.equals("client_credentials")) {
            return new EntraError(400, "unsupported_grant_type", 70003,
                    "The app requested an unsupported grant type '" + grantType + "'.");
        }
        String[] basic = basicCredentials(exchange);
        String clientId = basic != null ? basic[0] : form.get("client_id");
        String secret = basic != null ? basic[1] : form.get("client_secret");
        if (clientId == null || clientId.isEmpty()) {
            return missing("client_id");
        }
        if (!clientId.equals(settings.clientId())) {
            return new EntraError(400, "unauthorized_client", 700016, "Application with identifier '" + clientId
                    + "' was not found in the directory '" + tenant + "'. This can happen if the application has"
                    + " not been installed by the administrator of the tenant.");
        }
        String scope = form.get("scope");
        if (scope == null || scope.isBlank()) {
            return missing("scope");
        }
        String resource = resourceScope(scope);
        if (!resource.endsWith("/.default")) {
            return new EntraError(400, "invalid_scope", 1002012, "The provided value for scope " + resource
                    + " is not valid. Client credential flows must have a scope value with /.default suffixed"
                    + " to the resource identifier (application ID URI).");
        }
        if (secret == null || secret.isEmpty()) {
            return new EntraError(401, "invalid_client", 7000216, "'client_assertion', 'client_secret' or"
                    + " 'request' is required for the 'client_credentials' grant type.");
        }
        if (!MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                settings.clientSecret().getBytes(StandardCharsets.UTF_8))) {
            return new EntraError(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the"
                    + " secret being sent in the request is the client secret value, not the client secret ID,"
                    + " for a secret added to app '" + clientId + "'.");
        }
        return null;
    }

    private static EntraError missing(String parameter) {
        return new EntraError(400, "invalid_request", 900144,
                "The request body must contain the following parameter: '" + parameter + "'.");
    }

    /**
     * The resource scope among those sent. MSAL4J adds openid, profile and offline_access and sends the set in hash
     * order, so the {@code /.default} scope is not always first; a scope list without one yields its first entry.
     */
    private static String resourceScope(String scope) {
        String[] scopes = scope.trim().split("\\s+");
        return Arrays.stream(scopes).filter(s -> s.endsWith("/.default")).findFirst().orElse(scopes[0]);
    }

    /** RFC 6749 client_secret_basic, which Entra accepts besides form fields. */
    private static String[] basicCredentials(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            return new String[] {QueryString.decode(decoded.substring(0, colon)),
                    QueryString.decode(decoded.substring(colon + 1))};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
