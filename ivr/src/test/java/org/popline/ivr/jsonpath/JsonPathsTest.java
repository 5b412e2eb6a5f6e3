package org.popline.ivr.jsonpath;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.jayway.jsonpath.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonPathsTest {

    private static final String CONTACTS = """
            {"@odata.context":"https://org.crm.dynamics.com/api/data/v9.2/$metadata#contacts(fullname,telephone1,contactid)",
             "value":[{"@odata.etag":"W/\\"123\\"","fullname":"Anna Schmidt","telephone1":"+49 30 1234567",
                       "contactid":"5f1c2a3e-0000-0000-0000-000000000001","address1_line2":null,"numberofchildren":2}]}""";
    private static final String NO_CONTACTS = "{\"value\":[]}";

    @Test
    void readsTheFirstContactsName() {
        assertEquals(Optional.of("Anna Schmidt"), JsonPaths.read(JsonPaths.compile("$.value[0].fullname"), CONTACTS));
    }

    @Test
    void countsTheMatches() {
        JsonPath length = JsonPaths.compile("$.value.length()");
        assertEquals(Optional.of(1), JsonPaths.read(length, CONTACTS));
        assertEquals(Optional.of(0), JsonPaths.read(length, NO_CONTACTS));
    }

    @Test
    void acceptsTheWebexTemplatesPathWithoutDollar() {
        assertEquals(Optional.of("5f1c2a3e-0000-0000-0000-000000000001"),
                JsonPaths.read(JsonPaths.compile("value[0].contactid"), CONTACTS));
    }

    @Test
    void missingEntryOrKeyIsEmpty() {
        assertEquals(Optional.empty(), JsonPaths.read(JsonPaths.compile("$.value[0].fullname"), NO_CONTACTS));
        assertEquals(Optional.empty(), JsonPaths.read(JsonPaths.compile("$.value[0].nickname"), CONTACTS));
        assertEquals(Optional.empty(), JsonPaths.read(JsonPaths.compile("$.error.message"), CONTACTS));
    }

    @Test
    void jsonNullIsEmpty() {
        assertEquals(Optional.empty(), JsonPaths.read(JsonPaths.compile("$.value[0].address1_line2"), CONTACTS));
    }

    @Test
    void keysWithSpecialCharactersUseBracketNotation() {
        assertEquals(Optional.of("W/\"123\""), JsonPaths.read(JsonPaths.compile("$.value[0]['@odata.etag']"), CONTACTS));
    }

    @Test
    void objectsComeBackAsMapsFromJackson() {
        Object contact = JsonPaths.read(JsonPaths.compile("$.value[0]"), CONTACTS).orElseThrow();
        assertEquals("Anna Schmidt", ((Map<?, ?>) contact).get("fullname"));
    }

    @Test
    void filterReturnsAList() {
        assertEquals(Optional.of(List.of("Anna Schmidt")),
                JsonPaths.read(JsonPaths.compile("$.value[?(@.numberofchildren > 1)].fullname"), CONTACTS));
    }

    @Test
    void filterWithAnArrayLiteralWorks() {
        assertEquals(Optional.of(List.of("Anna Schmidt")),
                JsonPaths.read(JsonPaths.compile("$.value[?(@.numberofchildren in [1, 2])].fullname"), CONTACTS));
    }

    @Test
    void readTextGivesScalarsAsWrittenAndObjectsAsJson() {
        assertEquals(Optional.of("2"), JsonPaths.readText(JsonPaths.compile("$.value[0].numberofchildren"), CONTACTS));
        assertEquals(Optional.of("[]"), JsonPaths.readText(JsonPaths.compile("$.value"), NO_CONTACTS));
        assertEquals(Optional.empty(), JsonPaths.readText(JsonPaths.compile("$.value[0].fullname"), NO_CONTACTS));
    }

    @Test
    void badSyntaxIsRejectedAtCompileNamingThePath() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonPaths.compile("$.value[0.fullname"));
        assertTrue(e.getMessage().startsWith("invalid JSONPath \"$.value[0.fullname\": "), e.getMessage());
    }

    @Test
    void emptyPathIsRejectedAtCompile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JsonPaths.compile(""));
        assertTrue(e.getMessage().startsWith("invalid JSONPath \"\": "), e.getMessage());
    }

    @Test
    void nonJsonResponseIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonPaths.read(JsonPaths.compile("$.value"), "<html>502 Bad Gateway</html>"));
        assertTrue(e.getMessage().startsWith("response is not JSON"), e.getMessage());
    }
}
