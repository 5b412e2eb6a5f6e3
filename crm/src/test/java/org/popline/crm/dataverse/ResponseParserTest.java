package org.popline.crm.dataverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResponseParserTest {
  private final ResponseParser parser = new ResponseParser(List.of("telephone1", "mobilephone", "telephone2"));

  @Test
  void contactsWithAnnotationsAndNulls() throws Exception {
    String body = """
        {"@odata.context":"https://org.crm.dynamics.com/api/data/v9.2/$metadata#contacts(fullname,contactid)",
         "value":[{"@odata.etag":"W/\\"72201545\\"","contactid":"49b0be2e-d01c-ed11-b83e-000d3a572421",
                   "fullname":"Yvonne McKay","telephone1":"+49 30 1234567","mobilephone":null,"telephone2":""}]}
        """;
    List<Contact> contacts = parser.contacts(body);
    assertEquals(List.of(new Contact("49b0be2e-d01c-ed11-b83e-000d3a572421", "Yvonne McKay",
        Map.of("telephone1", "+49 30 1234567"))), contacts);
  }

  @Test
  void emptyValueIsNoRows() throws Exception {
    assertTrue(parser.contacts("{\"value\":[]}").isEmpty());
  }

  @Test
  void cases() throws Exception {
    String body = """
        {"value":[{"incidentid":"70bf4d48-34cb-ed11-b596-0022481d68cd","ticketnumber":"CAS-01234-X1Y2Z3",
                   "title":"Printer on fire","statecode":0,
                   "statecode@OData.Community.Display.V1.FormattedValue":"Active",
                   "createdon":"2024-05-01T10:15:30Z"}]}
        """;
    assertEquals(List.of(new Case("70bf4d48-34cb-ed11-b596-0022481d68cd", "CAS-01234-X1Y2Z3",
        "Printer on fire", CaseState.ACTIVE, Instant.parse("2024-05-01T10:15:30Z"))), parser.cases(body));
  }

  @Test
  void caseWithoutOptionalColumns() throws Exception {
    Case c = parser.cases("{\"value\":[{\"incidentid\":\"x\"}]}").get(0);
    assertNull(c.state());
    assertNull(c.createdOn());
    assertEquals("", c.title());
  }

  @Test
  void malformedBodiesAreBadResponses() {
    for (String body : List.of("", "not json", "{\"value\":", "[]", "{\"values\":[]}", "{\"value\":{}}",
        "{\"value\":[1]}", "{\"value\":[{\"fullname\":\"no id\"}]}",
        "{\"value\":[{\"contactid\":42}]}")) {
      assertThrows(BadResponseException.class, () -> parser.contacts(body), body);
    }
    for (String body : List.of("{\"value\":[{\"incidentid\":\"x\",\"statecode\":7}]}",
        "{\"value\":[{\"incidentid\":\"x\",\"statecode\":\"zero\"}]}",
        "{\"value\":[{\"incidentid\":\"x\",\"createdon\":\"yesterday\"}]}")) {
      assertThrows(BadResponseException.class, () -> parser.cases(body), body);
    }
  }

  @Test
  void errorMessageOfDataverseErrorJson() {
    assertEquals(Optional.of("Resource not found for the segment 'Account'."), ResponseParser.errorMessage(
        "{\"error\":{\"code\":\"0x8006088a\",\"message\":\"Resource not found for the segment 'Account'.\"}}"));
    assertEquals(Optional.empty(), ResponseParser.errorMessage("<html>"));
    assertEquals(Optional.empty(), ResponseParser.errorMessage(""));
  }
}
