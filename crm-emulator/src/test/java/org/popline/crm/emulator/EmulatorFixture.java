package org.popline.crm.emulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One emulator over real HTTPS on 127.0.0.1 for a test class, and a JDK client that trusts exactly
 * its lab certificate. Registered as an extension: started before the class, faults cleared after
 * each test, closed after the class.
 */
final class EmulatorFixture implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    static final String CLIENT_ID = "11111111-2222-3333-4444-555555555555";
    static final String SECRET = "lab-secret~with+special&chars";
    static final Path TLS = Path.of("target/test-tls");
    static final Path SEED = Path.of("../conf/crm-seed.json");
    static final ObjectMapper JSON = new ObjectMapper();

    DataverseEmulator emulator;
    HttpClient http;
    private String token;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        emulator = DataverseEmulator.start(EmulatorSettings.builder()
                .tlsFolder(TLS).seedFile(SEED).tenant("Popline-Lab")
                .clientId(CLIENT_ID).clientSecret(SECRET).build());
        http = newClient();
    }

    private HttpClient newClient() {
        return HttpClient.newBuilder()
                .sslContext(emulator.certificate().clientContext())
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    static String form(String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    HttpResponse<String> postForm(String url, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    String token() throws Exception {
        if (token == null) {
            HttpResponse<String> response = postForm(emulator.tokenUrl(), form("client_id", CLIENT_ID,
                    "client_secret", SECRET, "grant_type", "client_credentials", "scope", emulator.scope()));
            token = JSON.readTree(response.body()).get("access_token").asText();
        }
        return token;
    }

    void forgetToken() {
        token = null;
    }

    /** GET a Web API path (relative to the v9.2 root, already URL-encoded) with a valid token. */
    HttpResponse<String> api(String pathAndQuery, String... headers) throws Exception {
        return get(emulator.webApiUrl() + pathAndQuery, withToken(headers));
    }

    HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postJson(String pathAndQuery, String json, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.webApiUrl() + pathAndQuery))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        request.headers(withToken(headers));
        // The JDK client does not retry a POST that it sent down a kept-alive connection the server had
        // just closed ("header parser received no bytes", seen in CI): a POST gets a connection of its own.
        return newClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String[] withToken(String... headers) throws Exception {
        String[] all = new String[headers.length + 4];
        all[0] = "Authorization";
        all[1] = "Bearer " + token();
        all[2] = "Accept";
        all[3] = "application/json";
        System.arraycopy(headers, 0, all, 4, headers.length);
        return all;
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        emulator.faults().clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        emulator.close();
    }
}
