package org.popline.crm.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.popline.crm.emulator.EmulatorFixture.form;
import static org.popline.crm.emulator.EmulatorFixture.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FaultInjectionTest {

    @RegisterExtension
    static final EmulatorFixture fixture = new EmulatorFixture();

    @Test
    void latencyDelaysApiResponses() throws Exception {
        fixture.token();
        fixture.emulator.faults().latency(Duration.ofMillis(400));
        long start = System.nanoTime();
        assertEquals(200, fixture.api("contacts?$top=1").statusCode());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 400);
    }

    @Test
    void throttlingAnswers429WithRetryAfterForTheGivenRequests() throws Exception {
        fixture.token();
        fixture.emulator.faults().throttle(2, 3);
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> response = fixture.api("contacts?$top=1");
            assertEquals(429, response.statusCode());
            assertEquals("3", response.headers().firstValue("Retry-After").orElse(""));
            assertEquals("0x80072322", json(response).get("error").get("code").asText());
        }
        assertEquals(200, fixture.api("contacts?$top=1").statusCode());
    }

    @Test
    void errorRateAnswers503Or500() throws Exception {
        fixture.token();
        fixture.emulator.faults().errorRate(1.0, 503);
        assertEquals(503, fixture.api("contacts?$top=1").statusCode());
        fixture.emulator.faults().errorRate(1.0, 500);
        assertEquals(500, fixture.api("contacts?$top=1").statusCode());
        fixture.emulator.faults().errorRate(0, 503);
        assertEquals(200, fixture.api("contacts?$top=1").statusCode());
    }

    @Test
    void tokenEndpointDownLeavesTheApiUp() throws Exception {
        fixture.token();
        fixture.emulator.faults().tokenEndpointDown(true);
        HttpResponse<String> token = fixture.postForm(fixture.emulator.tokenUrl(), form("client_id",
                EmulatorFixture.CLIENT_ID, "client_secret", EmulatorFixture.SECRET,
                "grant_type", "client_credentials", "scope", fixture.emulator.scope()));
        assertEquals(503, token.statusCode());
        assertEquals(200, fixture.api("contacts?$top=1").statusCode());
    }

    @Test
    void adminPathSetsShowsAndClearsFaults() throws Exception {
        fixture.token();
        String url = fixture.emulator.baseUrl() + "/_emulator/faults";
        HttpResponse<String> set = fixture.http.send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString("{\"latencyMs\":10,\"throttleRequests\":1,"
                        + "\"retryAfterSeconds\":7,\"tokenEndpointDown\":true}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, set.statusCode(), set.body());
        JsonNode state = json(fixture.get(url));
        assertEquals(10, state.get("latencyMs").asInt());
        assertEquals(1, state.get("throttleRequests").asInt());
        assertEquals(7, state.get("retryAfterSeconds").asInt());
        assertTrue(state.get("tokenEndpointDown").asBoolean());
        assertEquals("7", fixture.api("contacts").headers().firstValue("Retry-After").orElse(""));

        HttpResponse<String> cleared = fixture.http.send(HttpRequest.newBuilder(URI.create(url)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(0, json(cleared).get("latencyMs").asInt());
        assertEquals(false, fixture.emulator.faults().tokenEndpointDown());

        HttpResponse<String> bad = fixture.http.send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString("{\"errorRate\":2}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bad.statusCode());
    }
}
