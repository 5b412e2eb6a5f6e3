package org.popline.crm.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.popline.crm.emulator.EmulatorFixture.CLIENT_ID;
import static org.popline.crm.emulator.EmulatorFixture.SECRET;
import static org.popline.crm.emulator.EmulatorFixture.form;
import static org.popline.crm.emulator.EmulatorFixture.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TokenEndpointTest {

    @RegisterExtension
    static final EmulatorFixture fixture = new EmulatorFixture();

    @AfterEach
    void clearFaults() {
        fixture.emulator.faults().clear();
    }

    private HttpResponse<String> token(String body, String... headers) throws Exception {
        return fixture.postForm(fixture.emulator.tokenUrl(), body, headers);
    }

    private String scope() {
        return fixture.emulator.scope();
    }

    @Test
    void acceptsTheRequestMsal4jSends() throws Exception {
        // the body and headers MSAL4J was seen sending: client_info, extra OIDC scopes, x-client-* telemetry
        HttpResponse<String> response = token("client_info=1&grant_type=client_credentials&scope="
                        + EmulatorFixture.encode(scope() + " openid profile offline_access")
                        + "&client_id=" + CLIENT_ID + "&client_secret=" + EmulatorFixture.encode(SECRET),
                "x-client-SKU", "MSAL.Java", "x-client-VER", "1.21.0",
                "client-request-id", "0f0e0d0c-0b0a-0908-0706-050403020100");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode body = json(response);
        assertEquals("Bearer", body.get("token_type").asText());
        assertEquals(3599, body.get("expires_in").asInt());
        assertEquals(3599, body.get("ext_expires_in").asInt());
        assertEquals(3, body.get("access_token").asText().split("\\.").length);
        assertFalse(body.has("refresh_token"));
    }

    @Test
    void acceptsBasicClientAuthentication() throws Exception {
        String basic = Base64.getEncoder().encodeToString((CLIENT_ID + ":" + EmulatorFixture.encode(SECRET))
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = token(form("grant_type", "client_credentials", "scope", scope()),
                "Authorization", "Basic " + basic);
        assertEquals(200, response.statusCode());
    }

    @Test
    void tenantIsCaseInsensitiveBecauseMsal4jLowerCasesIt() throws Exception {
        String url = fixture.emulator.baseUrl() + "/POPLINE-LAB/oauth2/v2.0/token";
        HttpResponse<String> response = fixture.postForm(url, form("client_id", CLIENT_ID, "client_secret", SECRET,
                "grant_type", "client_credentials", "scope", scope()));
        assertEquals(200, response.statusCode());
    }

    @Test
    void wrongSecretIs401InvalidClient() throws Exception {
        HttpResponse<String> response = token(form("client_id", CLIENT_ID, "client_secret", "nope",
                "grant_type", "client_credentials", "scope", scope()),
                "client-request-id", "0f0e0d0c-0b0a-0908-0706-050403020100");
        assertEntraError(response, 401, "invalid_client", 7000215);
        assertEquals("0f0e0d0c-0b0a-0908-0706-050403020100", json(response).get("correlation_id").asText());
        assertFalse(response.body().contains(SECRET));
    }

    @Test
    void missingSecretIs401() throws Exception {
        assertEntraError(token(form("client_id", CLIENT_ID, "grant_type", "client_credentials", "scope", scope())),
                401, "invalid_client", 7000216);
    }

    @Test
    void unknownClientIs400UnauthorizedClient() throws Exception {
        assertEntraError(token(form("client_id", "someone-else", "client_secret", SECRET,
                "grant_type", "client_credentials", "scope", scope())), 400, "unauthorized_client", 700016);
    }

    @Test
    void missingClientIdIs400() throws Exception {
        assertEntraError(token(form("client_secret", SECRET, "grant_type", "client_credentials", "scope", scope())),
                400, "invalid_request", 900144);
    }

    @Test
    void scopeWithoutDefaultSuffixIs400InvalidScope() throws Exception {
        assertEntraError(token(form("client_id", CLIENT_ID, "client_secret", SECRET,
                "grant_type", "client_credentials", "scope", "https://org.crm.dynamics.com/user_impersonation")),
                400, "invalid_scope", 1002012);
    }

    @Test
    void missingScopeIs400() throws Exception {
        assertEntraError(token(form("client_id", CLIENT_ID, "client_secret", SECRET,
                "grant_type", "client_credentials")), 400, "invalid_request", 900144);
    }

    @Test
    void otherGrantTypesAreUnsupported() throws Exception {
        assertEntraError(token(form("client_id", CLIENT_ID, "client_secret", SECRET, "grant_type", "password",
                "scope", scope())), 400, "unsupported_grant_type", 70003);
        assertEntraError(token(form("client_id", CLIENT_ID, "client_secret", SECRET, "scope", scope())),
                400, "invalid_request", 900144);
    }

    @Test
    void unknownTenantIs400() throws Exception {
        String url = fixture.emulator.baseUrl() + "/contoso/oauth2/v2.0/token";
        assertEntraError(fixture.postForm(url, form("client_id", CLIENT_ID, "client_secret", SECRET,
                "grant_type", "client_credentials", "scope", scope())), 400, "invalid_request", 90002);
    }

    @Test
    void getIsRefused() throws Exception {
        assertEntraError(fixture.get(fixture.emulator.tokenUrl()), 405, "invalid_request", 900561);
    }

    @Test
    void tokenEndpointDownIs503() throws Exception {
        fixture.emulator.faults().tokenEndpointDown(true);
        assertEntraError(token(form("client_id", CLIENT_ID, "client_secret", SECRET,
                "grant_type", "client_credentials", "scope", scope())), 503, "temporarily_unavailable", 50196);
    }

    @Test
    void openIdConfigurationPointsAtTheEmulator() throws Exception {
        HttpResponse<String> response = fixture.get(fixture.emulator.oidcAuthority()
                + "/.well-known/openid-configuration");
        assertEquals(200, response.statusCode());
        JsonNode doc = json(response);
        assertEquals(fixture.emulator.tokenUrl(), doc.get("token_endpoint").asText());
        // MSAL4J compares the issuer with the oidcAuthority it was given, lower-cased
        assertEquals(fixture.emulator.oidcAuthority(), doc.get("issuer").asText());
        assertEquals(fixture.emulator.oidcAuthority().toLowerCase(), doc.get("issuer").asText());
        assertTrue(doc.get("authorization_endpoint").asText().startsWith(fixture.emulator.baseUrl()));
    }

    private static void assertEntraError(HttpResponse<String> response, int status, String error, int code)
            throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = json(response);
        assertEquals(error, body.get("error").asText());
        assertTrue(body.get("error_description").asText().startsWith("AADSTS" + code + ": "),
                body.get("error_description").asText());
        assertEquals(code, body.get("error_codes").get(0).asInt());
        for (String field : new String[] {"timestamp", "trace_id", "correlation_id"}) {
            assertFalse(body.get(field).asText().isEmpty(), field);
        }
    }
}
