package org.popline.crm.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * {@code GET /{tenant}/v2.0/.well-known/openid-configuration}. MSAL4J's {@code oidcAuthority} reads only the
 * endpoints and the issuer, and (from 1.22) requires the issuer to equal the authority it was given, lower-cased.
 */
final class OpenIdConfiguration {

    private final String tenant;
    private final String fallbackBaseUrl;

    OpenIdConfiguration(String tenant, String fallbackBaseUrl) {
        this.tenant = tenant;
        this.fallbackBaseUrl = fallbackBaseUrl;
    }

    void handle(HttpExchange exchange, String requestedTenant) throws IOException {
        if (!requestedTenant.equalsIgnoreCase(tenant)) {
            new EntraError(400, "invalid_tenant", 90002, "Tenant '" + requestedTenant + "' not found.")
                    .send(exchange);
            return;
        }
        String authority = Exchanges.baseUrl(exchange, fallbackBaseUrl) + "/" + tenant;
        ObjectNode body = Exchanges.JSON.createObjectNode()
                .put("token_endpoint", authority + "/oauth2/v2.0/token")
                .put("authorization_endpoint", authority + "/oauth2/v2.0/authorize")
                .put("device_authorization_endpoint", authority + "/oauth2/v2.0/devicecode")
                .put("jwks_uri", authority + "/discovery/v2.0/keys")
                .put("issuer", authority + "/v2.0")
                .put("tenant_region_scope", "EU")
                .put("cloud_instance_name", "popline.invalid");
        body.putArray("token_endpoint_auth_methods_supported").add("client_secret_post").add("client_secret_basic");
        body.putArray("response_types_supported").add("code").add("id_token").add("code id_token");
        body.putArray("subject_types_supported").add("pairwise");
        body.putArray("id_token_signing_alg_values_supported").add("RS256");
        body.putArray("scopes_supported").add("openid").add("profile").add("email").add("offline_access");
        Exchanges.sendJson(exchange, 200, body);
    }
}
