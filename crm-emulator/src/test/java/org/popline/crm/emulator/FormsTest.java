package org.popline.crm.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.popline.crm.emulator.EmulatorFixture.encode;
import static org.popline.crm.emulator.EmulatorFixture.form;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.popline.crm.emulator.odata.EntityRecord;

class FormsTest {

    private static final String ANNA = "c0679274-a4b7-58cd-86ff-fda8da4cb237";
    @RegisterExtension
    static final EmulatorFixture fixture = new EmulatorFixture();

    private static String formUrl(String query) {
        return fixture.emulator.baseUrl() + "/main.aspx?" + query;
    }

    private static EntityRecord seededCase(String title) {
        return fixture.emulator.store().all(EntityTypes.INCIDENT).stream()
                .filter(c -> title.equals(c.get("title")))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void caseFormShowsTicketTitleCustomerAndState() throws Exception {
        EntityRecord incident = seededCase("Invoice shows the wrong tariff");
        HttpResponse<String> response = fixture.get(formUrl("appid=" + ANNA + "&pagetype=entityrecord&etn=incident"
                + "&id=%7B" + incident.getString("incidentid").toUpperCase() + "%7D&cmdbar=1"));
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String html = response.body();
        assertTrue(html.contains(incident.getString("ticketnumber")));
        assertTrue(html.contains("Invoice shows the wrong tariff"));
        assertTrue(html.contains("Anna Schmidt"));
        assertTrue(html.contains("<dd id=\"statecode\">Active</dd>"), html);
        assertTrue(!html.contains("http://") && !html.contains("https://"), "no external resources");
    }

    @Test
    void contactFormListsCases() throws Exception {
        String html = fixture.get(formUrl("pagetype=entityrecord&etn=contact&id=" + ANNA)).body();
        assertTrue(html.contains("Anna Schmidt"));
        assertTrue(html.contains("+49 30 1234567"));
        assertTrue(html.contains("Router keeps dropping the connection"));
    }

    @Test
    void namesAreEscaped() throws Exception {
        String html = fixture.get(formUrl("pagetype=entityrecord&etn=contact&id="
                + "b1b1b1b1-0000-0000-0000-000000000000")).body();
        assertTrue(html.contains("Record Is Unavailable"));
        String obrien = fixture.emulator.store().all(EntityTypes.CONTACT).stream()
                .filter(c -> "O'Brien".equals(c.get("lastname"))).findFirst().orElseThrow().getString("contactid");
        assertTrue(fixture.get(formUrl("pagetype=entityrecord&etn=contact&id=" + obrien)).body()
                .contains("Siobhan O&#39;Brien"));
    }

    @Test
    void newCaseFormIsPrefilledFromExtraqs() throws Exception {
        String extraqs = encode("customerid={" + ANNA + "}&customeridname=" + encode("Anna Schmidt")
                + "&customeridtype=contact");
        HttpResponse<String> response = fixture.get(formUrl("pagetype=entityrecord&etn=incident&extraqs=" + extraqs));
        assertEquals(200, response.statusCode());
        String html = response.body();
        assertTrue(html.contains("New Case"));
        assertTrue(html.contains("id=\"customeridname\" name=\"customeridname\" readonly value=\"Anna Schmidt\""),
                html);
        assertTrue(html.contains("id=\"customerid\" name=\"customerid\" value=\"" + ANNA + "\""), html);
    }

    @Test
    void searchForASharedNumberListsEveryContactWithIt() throws Exception {
        HttpResponse<String> response = fixture.get(formUrl("pagetype=search&searchText=%2B49309876543"));
        assertEquals(200, response.statusCode());
        String html = response.body();
        assertTrue(html.contains("Thomas Müller") && html.contains("Petra Müller"), html);
        assertTrue(html.contains(">2 contacts<"), html);
        assertFalse(html.contains("Anna Schmidt"), html);
    }

    @Test
    void blankNewCaseFormForAnUnknownCaller() throws Exception {
        HttpResponse<String> response = fixture.get(formUrl("pagetype=entityrecord&etn=incident"));
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("name=\"customerid\" value=\"\""));
    }

    @Test
    void savingTheNewCaseFormCreatesTheCaseAndRedirectsToIt() throws Exception {
        HttpResponse<String> saved = fixture.postForm(fixture.emulator.baseUrl() + "/main.aspx", form("etn", "incident",
                "title", "Called about <router> & modem", "customerid", ANNA, "customeridname", "Anna Schmidt",
                "caseorigincode", "1", "description", "Screen pop test"));
        assertEquals(303, saved.statusCode());
        String location = saved.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith("main.aspx?pagetype=entityrecord&etn=incident&id="), location);
        String html = fixture.get(fixture.emulator.baseUrl() + "/" + location).body();
        assertTrue(html.contains("Called about &lt;router&gt; &amp; modem"));
        assertTrue(html.matches("(?s).*CAS-\\d{5}-[A-Z0-9]{6}.*"));
        assertTrue(html.contains("Anna Schmidt"));
    }

    @Test
    void savingWithoutCustomerShowsTheFormAgain() throws Exception {
        HttpResponse<String> response = fixture.postForm(fixture.emulator.baseUrl() + "/main.aspx",
                form("etn", "incident", "title", "No customer"));
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("id=\"error\""));
        assertTrue(response.body().contains("value=\"No customer\""));
    }

    @Test
    void newContactFormPrefillsAndSaves() throws Exception {
        String extraqs = encode("telephone1=" + encode("+49 30 5550199"));
        String html = fixture.get(formUrl("pagetype=entityrecord&etn=contact&extraqs=" + extraqs)).body();
        assertTrue(html.contains("value=\"+49 30 5550199\""), html);
        HttpResponse<String> saved = fixture.postForm(fixture.emulator.baseUrl() + "/main.aspx",
                form("etn", "contact", "firstname", "New", "lastname", "Caller", "telephone1", "+49 30 5550199"));
        assertEquals(303, saved.statusCode());
        assertTrue(fixture.get(fixture.emulator.baseUrl() + "/" + saved.headers().firstValue("Location").orElseThrow())
                .body().contains("New Caller"));
    }
}
