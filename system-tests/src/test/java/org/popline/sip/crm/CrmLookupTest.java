package org.popline.app.crm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.popline.sip.testkit.Admin;
import org.popline.sip.testkit.TestServer;

/**
 * On its defaults Popline runs the embedded Dataverse emulator; a lookup goes the whole real way:
 * admin HTTP, the Dataverse client, OAuth client credentials and the Web API over HTTPS.
 */
class CrmLookupTest {
    private static TestServer popline;

    @BeforeAll
    static void start() throws Exception {
        popline = TestServer.start();
    }

    @AfterAll
    static void stop() {
        popline.close();
    }

    private static JsonNode lookup(String ani) throws Exception {
        return Admin.get(popline, "/crm/lookup?ani=" + URLEncoder.encode(ani, StandardCharsets.UTF_8));
    }

    @Test
    void aSeededCallerIsFoundWithTheirLatestCase() throws Exception {
        JsonNode r = lookup("+14155550100");
        assertEquals("found", r.path("contact").path("result").asText(), r.toString());
        assertEquals("Michael Brown", r.path("contact").path("value").path("fullName").asText());
        assertEquals("found", r.path("latestCase").path("result").asText(), r.toString());
        assertTrue(r.path("latestCase").path("value").path("ticketNumber").asText().startsWith("CAS-"), r.toString());
    }

    @Test
    void anUnknownNumberIsNotFound() throws Exception {
        JsonNode r = lookup("+15005550006");
        assertEquals("not found", r.path("contact").path("result").asText(), r.toString());
        assertTrue(r.path("latestCase").isMissingNode());
    }
}
