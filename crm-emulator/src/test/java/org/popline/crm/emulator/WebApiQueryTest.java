package org.popline.crm.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.popline.crm.emulator.EmulatorFixture.encode;
import static org.popline.crm.emulator.EmulatorFixture.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebApiQueryTest {

    private static final String ANNA = "c0679274-a4b7-58cd-86ff-fda8da4cb237";
    @RegisterExtension
    static final EmulatorFixture fixture = new EmulatorFixture();

    private static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return json(response);
    }

    private static List<String> names(JsonNode body) {
        List<String> names = new ArrayList<>();
        body.get("value").forEach(v -> names.add(v.get("fullname").asText()));
        return names;
    }

    private static List<String> contactsWhere(String filter) throws Exception {
        return names(ok(fixture.api("contacts?$select=fullname&$filter=" + encode(filter))));
    }

    @Test
    void withoutTokenIs401WithBearerChallenge() throws Exception {
        HttpResponse<String> response = fixture.get(fixture.emulator.webApiUrl() + "contacts");
        assertEquals(401, response.statusCode());
        String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
        assertTrue(challenge.startsWith("Bearer authorization_uri=" + fixture.emulator.authority()), challenge);
    }

    @Test
    void forgedOrRevokedTokenIs401() throws Exception {
        String forged = fixture.token().substring(0, fixture.token().length() - 4) + "AAAA";
        assertEquals(401, fixture.get(fixture.emulator.webApiUrl() + "contacts",
                "Authorization", "Bearer " + forged).statusCode());
        fixture.emulator.revokeTokens();
        assertEquals(401, fixture.api("contacts").statusCode());
        fixture.forgetToken();
        assertEquals(200, fixture.api("contacts").statusCode());
    }

    @Test
    void collectionHasTheRealResponseShape() throws Exception {
        HttpResponse<String> response = fixture.api("contacts?$select=fullname,telephone1");
        JsonNode body = ok(response);
        assertEquals(fixture.emulator.webApiUrl() + "$metadata#contacts(fullname,telephone1)",
                body.get("@odata.context").asText());
        assertEquals("4.0", response.headers().firstValue("OData-Version").orElse(""));
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(body.get("value").size() >= 20);
        JsonNode first = body.get("value").get(0);
        assertTrue(first.get("@odata.etag").asText().matches("W/\"\\d+\""));
        assertTrue(first.has("contactid"), "the primary key is always returned");
        assertFalse(first.has("mobilephone"), "only selected columns");
        assertFalse(body.has("@odata.nextLink"));
    }

    @Test
    void eqIsCaseInsensitiveAndMatchesTheStoredString() throws Exception {
        assertEquals(List.of("Sarah Miller"), contactsWhere("telephone1 eq '4155550101'"));
        assertEquals(List.of("Sarah Miller"), contactsWhere("fullname eq 'SARAH MILLER'"));
        assertEquals(List.of("Jonas Weber"), contactsWhere("telephone1 eq '(030) 123-4567'"));
    }

    @Test
    void neExcludesTheValue() throws Exception {
        List<String> names = contactsWhere("lastname ne 'Müller'");
        assertFalse(names.contains("Petra Müller"));
        assertTrue(names.contains("Anna Schmidt"));
    }

    @Test
    void stringFunctions() throws Exception {
        assertEquals(List.of("Lena Fischer"), contactsWhere("contains(telephone1,'1234568')"));
        assertEquals(List.of("Lena Fischer"), contactsWhere("startswith(telephone1,'030/')"));
        assertEquals(List.of("Sarah Miller"), contactsWhere("endswith(telephone1,'0101')"));
    }

    @Test
    void doubledQuoteFindsOBrien() throws Exception {
        assertEquals(List.of("Siobhan O'Brien"), contactsWhere("lastname eq 'O''Brien'"));
        assertEquals(List.of("Siobhan O'Brien"), contactsWhere("contains(fullname,'o''b')"));
    }

    @Test
    void stringFunctionsHonourLikeWildcardsAsDataverseDoes() throws Exception {
        // "_" is one character of any kind: the separator inside "(415) 555-0104" and "415.555.0105"
        assertEquals(List.of("James Taylor", "Olivia Martin"), contactsWhere("endswith(telephone1,'555_010[45]')"));
        assertEquals(List.of("Michael Brown"), contactsWhere("startswith(telephone1,'+1 (%)')"));
        assertEquals(List.of("Lukas Becker"), contactsWhere("contains(telephone1,'(0)89_234')"));
        assertEquals(List.of(), contactsWhere("endswith(telephone1,'555_010[^0-9]')"));
        // a literal "%" or "_" can only be written as a one-character set
        assertEquals(List.of(), contactsWhere("contains(fullname,'[_]')"));
        assertEquals(List.of("Siobhan O'Brien"), contactsWhere("contains(fullname,'O''B[R]IEN')"));
    }

    @Test
    void unterminatedLiteralIs400() throws Exception {
        HttpResponse<String> response = fixture.api("contacts?$filter=" + encode("lastname eq 'O'Brien'"));
        assertEquals(400, response.statusCode());
        assertTrue(json(response).get("error").get("message").asText().contains("unterminated literal"));
    }

    @Test
    void plusMustBeSentAsPercent2B() throws Exception {
        assertEquals(List.of("Anna Schmidt"), contactsWhere("startswith(telephone1,'+49 30 12')"));
        // a raw '+' in the query string decodes to a space, exactly as at Dataverse
        JsonNode raw = ok(fixture.api("contacts?$select=fullname&$filter=startswith(telephone1,'+49%2030%2012')"));
        assertEquals(0, raw.get("value").size());
    }

    @Test
    void logicalOperatorsAndParentheses() throws Exception {
        List<String> shared = contactsWhere("telephone1 eq '+49 30 9876543' and (firstname eq 'Petra' or"
                + " firstname eq 'Thomas')");
        assertEquals(Set.of("Petra Müller", "Thomas Müller"), new HashSet<>(shared));
        List<String> anyPhone = contactsWhere("telephone1 eq '+14155550103' or mobilephone eq '+14155550103'"
                + " or telephone2 eq '+14155550103'");
        assertEquals(List.of("David Chen"), anyPhone);
        List<String> notMuller = contactsWhere("telephone1 eq '+49 30 9876543' and not (firstname eq 'Petra')");
        assertEquals(List.of("Thomas Müller"), notMuller);
    }

    @Test
    void casesOfAContactByLookupQuotedOrNot() throws Exception {
        for (String literal : List.of(ANNA, "'" + ANNA + "'", ANNA.toUpperCase())) {
            JsonNode body = ok(fixture.api("incidents?$select=title,ticketnumber,_customerid_value&$filter="
                    + encode("_customerid_value eq " + literal)));
            assertEquals(3, body.get("value").size(), literal);
            body.get("value").forEach(c -> assertEquals(ANNA, c.get("_customerid_value").asText()));
        }
    }

    @Test
    void latestCaseWithOrderByAndTop() throws Exception {
        JsonNode body = ok(fixture.api("incidents?$select=title,ticketnumber,createdon,statecode&$filter="
                + encode("_customerid_value eq " + ANNA) + "&$orderby=" + encode("createdon desc") + "&$top=1"));
        assertEquals(1, body.get("value").size());
        JsonNode latest = body.get("value").get(0);
        assertEquals("Invoice shows the wrong tariff", latest.get("title").asText());
        assertEquals("2025-06-18T14:40:00Z", latest.get("createdon").asText());
        assertTrue(latest.has("incidentid"));
        JsonNode active = ok(fixture.api("incidents?$select=title&$filter="
                + encode("_customerid_value eq " + ANNA + " and statecode eq 0") + "&$orderby=createdon%20desc"));
        assertEquals(1, active.get("value").size());
    }

    @Test
    void orderByWithSeveralKeys() throws Exception {
        JsonNode body = ok(fixture.api("contacts?$select=fullname&$orderby=" + encode("lastname desc,firstname asc")
                + "&$filter=" + encode("lastname eq 'Müller' or lastname eq 'Weber'")));
        assertEquals(List.of("Jonas Weber", "Petra Müller", "Thomas Müller"), names(body));
        JsonNode ascending = ok(fixture.api("incidents?$select=createdon&$orderby=createdon"));
        String previous = "";
        for (JsonNode c : ascending.get("value")) {
            assertTrue(c.get("createdon").asText().compareTo(previous) >= 0);
            previous = c.get("createdon").asText();
        }
    }

    @Test
    void maxPageSizePagesWithNextLinkToTheEnd() throws Exception {
        int total = ok(fixture.api("contacts?$select=fullname")).get("value").size();
        Set<String> seen = new HashSet<>();
        String url = fixture.emulator.webApiUrl() + "contacts?$select=fullname&$orderby=lastname";
        int pages = 0;
        while (url != null) {
            HttpResponse<String> response = fixture.get(url, "Authorization", "Bearer " + fixture.token(),
                    "Prefer", "odata.maxpagesize=5");
            JsonNode body = ok(response);
            assertEquals("odata.maxpagesize=5", response.headers().firstValue("Preference-Applied").orElse(""));
            assertTrue(body.get("value").size() <= 5);
            body.get("value").forEach(v -> assertTrue(seen.add(v.get("contactid").asText()), "no record twice"));
            url = body.has("@odata.nextLink") ? body.get("@odata.nextLink").asText() : null;
            pages++;
        }
        assertEquals(total, seen.size());
        assertEquals((total + 4) / 5, pages);
    }

    @Test
    void singleRecordByKey() throws Exception {
        HttpResponse<String> response = fixture.api("contacts(" + ANNA + ")?$select=fullname,telephone1");
        JsonNode body = ok(response);
        assertEquals(fixture.emulator.webApiUrl() + "$metadata#contacts(fullname,telephone1)/$entity",
                body.get("@odata.context").asText());
        assertEquals("Anna Schmidt", body.get("fullname").asText());
        assertEquals(ANNA, body.get("contactid").asText());
        HttpResponse<String> missing = fixture.api("contacts(00000000-0000-0000-0000-000000000001)");
        assertEquals(404, missing.statusCode());
        assertEquals("0x80040217", json(missing).get("error").get("code").asText());
    }

    @Test
    void formattedValuesOnRequest() throws Exception {
        JsonNode body = ok(fixture.api("incidents?$select=_customerid_value,statecode&$filter="
                + encode("_customerid_value eq " + ANNA), "Prefer", "odata.include-annotations=\"*\""));
        JsonNode first = body.get("value").get(0);
        assertEquals("Anna Schmidt",
                first.get("_customerid_value@OData.Community.Display.V1.FormattedValue").asText());
        assertEquals("contact", first.get("_customerid_value@Microsoft.Dynamics.CRM.lookuplogicalname").asText());
        assertTrue(first.has("statecode@OData.Community.Display.V1.FormattedValue"));
    }

    @Test
    void unknownColumnIs400WithDataverseError() throws Exception {
        for (String query : List.of("contacts?$select=Fullname", "contacts?$filter=" + encode("name eq 'x'"),
                "contacts?$orderby=nosuchcolumn")) {
            HttpResponse<String> response = fixture.api(query);
            assertEquals(400, response.statusCode(), query);
            JsonNode error = json(response).get("error");
            assertEquals("0x80060888", error.get("code").asText());
            assertTrue(error.get("message").asText().startsWith("Could not find a property named"), query);
        }
    }

    @Test
    void badFilterAndBadOptionsAre400() throws Exception {
        for (String query : List.of("contacts?$filter=" + encode("fullname eq"),
                "contacts?$filter=" + encode("statecode eq 'x'"), "contacts?$top=-1", "contacts?$skip=5",
                "contacts?$orderby=" + encode("fullname up"))) {
            HttpResponse<String> response = fixture.api(query);
            assertEquals(400, response.statusCode(), query);
            assertEquals("0x80060888", json(response).get("error").get("code").asText(), query);
        }
    }

    @Test
    void unknownEntitySetIs404() throws Exception {
        HttpResponse<String> response = fixture.api("Account");
        assertEquals(404, response.statusCode());
        JsonNode error = json(response).get("error");
        assertEquals("0x8006088a", error.get("code").asText());
        assertEquals("Resource not found for the segment 'Account'.", error.get("message").asText());
    }

    @Test
    void serviceDocumentListsTheSets() throws Exception {
        JsonNode body = ok(fixture.api(""));
        assertEquals(2, body.get("value").size());
    }
}
