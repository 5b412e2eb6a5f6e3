package org.popline.crm.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.popline.crm.emulator.EmulatorFixture.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebApiCreateTest {

    private static final String ANNA = "c0679274-a4b7-58cd-86ff-fda8da4cb237";
    private static final String SARAH = "6f0660f7-f8cf-5673-aed3-6887fa5fc57c";
    @RegisterExtension
    static final EmulatorFixture fixture = new EmulatorFixture();

    @Test
    void createContactAnswers204WithEntityId() throws Exception {
        HttpResponse<String> response = fixture.postJson("contacts",
                "{\"firstname\":\"Zoe\",\"lastname\":\"O'Neil\",\"telephone1\":\"+49 221 5550123\"}");
        assertEquals(204, response.statusCode(), response.body());
        String entityId = response.headers().firstValue("OData-EntityId").orElseThrow();
        assertTrue(entityId.matches(Pattern.quote(fixture.emulator.webApiUrl())
                + "contacts\\([0-9a-f-]{36}\\)"), entityId);
        String id = entityId.substring(entityId.indexOf('(') + 1, entityId.length() - 1);
        JsonNode created = json(fixture.api("contacts(" + id + ")?$select=fullname,telephone1"));
        assertEquals("Zoe O'Neil", created.get("fullname").asText());
    }

    @Test
    void createCaseWithRepresentation() throws Exception {
        HttpResponse<String> response = fixture.postJson("incidents",
                "{\"title\":\"Caller asked for a callback\",\"caseorigincode\":1,"
                        + "\"customerid_contact@odata.bind\":\"/contacts(" + SARAH + ")\"}",
                "Prefer", "return=representation");
        assertEquals(201, response.statusCode(), response.body());
        assertEquals("return=representation", response.headers().firstValue("Preference-Applied").orElse(""));
        JsonNode incident = json(response);
        assertTrue(incident.get("@odata.context").asText().endsWith("$metadata#incidents/$entity"));
        assertTrue(incident.get("ticketnumber").asText().matches("CAS-\\d{5}-[A-Z0-9]{6}"),
                incident.get("ticketnumber").asText());
        assertEquals(0, incident.get("statecode").asInt());
        assertEquals(SARAH, incident.get("_customerid_value").asText());
        Instant created = Instant.parse(incident.get("createdon").asText());
        assertTrue(Duration.between(created, Instant.now()).abs().toSeconds() < 60);
        JsonNode latest = json(fixture.api("incidents?$select=title&$orderby=createdon%20desc&$top=1&$filter="
                + EmulatorFixture.encode("_customerid_value eq " + SARAH)));
        assertEquals("Caller asked for a callback", latest.get("value").get(0).get("title").asText());
    }

    @Test
    void newTicketNumbersCountOnFromTheSeed() throws Exception {
        String first = json(fixture.postJson("incidents", "{\"title\":\"a\",\"customerid_contact@odata.bind\":"
                + "\"contacts(" + ANNA + ")\"}", "Prefer", "return=representation")).get("ticketnumber").asText();
        String second = json(fixture.postJson("incidents", "{\"title\":\"b\",\"customerid_contact@odata.bind\":"
                + "\"contacts(" + ANNA + ")\"}", "Prefer", "return=representation")).get("ticketnumber").asText();
        int a = Integer.parseInt(first.substring(4, 9));
        int b = Integer.parseInt(second.substring(4, 9));
        assertTrue(a > 1026 && b > a, first + " " + second);
    }

    @Test
    void caseWithoutCustomerIs400() throws Exception {
        assertEquals(400, fixture.postJson("incidents", "{\"title\":\"orphan\"}").statusCode());
    }

    @Test
    void unknownPropertyOrDirectLookupIs400() throws Exception {
        HttpResponse<String> unknown = fixture.postJson("contacts", "{\"lastname\":\"X\",\"shoesize\":44}");
        assertEquals(400, unknown.statusCode());
        assertEquals("0x80060888", json(unknown).get("error").get("code").asText());
        assertEquals(400, fixture.postJson("incidents",
                "{\"title\":\"x\",\"_customerid_value\":\"" + ANNA + "\"}").statusCode());
        assertEquals(400, fixture.postJson("incidents", "{\"title\":\"x\",\"ticketnumber\":\"CAS-1\","
                + "\"customerid_contact@odata.bind\":\"/contacts(" + ANNA + ")\"}").statusCode());
        assertEquals(400, fixture.postJson("contacts", "{\"lastname\":").statusCode());
    }

    @Test
    void bindingToAMissingContactIs404() throws Exception {
        HttpResponse<String> response = fixture.postJson("incidents", "{\"title\":\"x\","
                + "\"customerid_contact@odata.bind\":\"/contacts(00000000-0000-0000-0000-00000000abcd)\"}");
        assertEquals(404, response.statusCode());
    }

    @Test
    void createNeedsAToken() throws Exception {
        HttpResponse<String> response = fixture.http.send(HttpRequest.newBuilder(
                URI.create(fixture.emulator.webApiUrl() + "contacts"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"lastname\":\"x\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, response.statusCode());
    }
}
