package org.popline.ivr.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.popline.crm.dataverse.DataverseClient;
import org.popline.ivr.http.DataverseConnector;
import org.popline.ivr.http.HttpCaller;
import org.popline.ivr.http.HttpRequestSpec;
import org.popline.ivr.http.HttpResult;
import org.popline.ivr.lab.LabDataverse;

/**
 * {@code phone_search} filters run against the emulator's seed contacts (conf/crm-seed.json, numbers
 * written every which way), sent as a flow would send them: rendered, URL-encoded, through the
 * HttpCaller with the Dataverse connector.
 */
class PhoneSearchEmulatorTest {

    @RegisterExtension
    static final LabDataverse LAB = new LabDataverse();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Templates TEMPLATES = new Templates("US");
    private static final Template ALL_PHONES = TEMPLATES.compile(
            "contacts?$select=fullname&$filter={{ call.ani | phone_search('telephone1', 'mobilephone', 'telephone2')"
                    + " | urlencode }}");

    private static HttpCaller caller;
    private static DataverseClient client;

    @BeforeAll
    static void connect() {
        caller = new HttpCaller();
        client = LAB.client();
    }

    @AfterAll
    static void disconnect() {
        caller.close();
        client.close();
    }

    private static Set<String> found(Template query, String ani) throws Exception {
        Map<String, Object> call = new HashMap<>();
        call.put("ani", ani);
        DataverseConnector dataverse = new DataverseConnector(client);
        HttpResult result = caller.execute(new HttpRequestSpec("GET",
                dataverse.baseUrl().resolve(TEMPLATES.render(query, Map.of("call", call))), Map.of(),
                Optional.empty(), Duration.ofSeconds(5), 0, Optional.of(dataverse)));
        assertEquals(200, result.status(), result.detail() + " " + result.body());
        Set<String> names = new TreeSet<>();
        JSON.readTree(result.body()).get("value").forEach(contact -> names.add(contact.get("fullname").asText()));
        return names;
    }

    @Test
    void aUsNumberFindsItsOwnerAndNotTheGermanNumberWithTheSameTail() throws Exception {
        assertEquals(Set.of("Michael Brown"), found(ALL_PHONES, "+14155550100"));
    }

    @Test
    void aNationalNumberBehindAStrayPlusIsStillFound() throws Exception {
        assertEquals(Set.of("Sarah Miller"), found(ALL_PHONES, "+4155550101"));
    }

    @Test
    void aMobileNumberIsFoundInItsOwnColumn() throws Exception {
        assertEquals(Set.of("David Chen"), found(ALL_PHONES, "+14155550103"));
        Template landlineOnly = TEMPLATES.compile(
                "contacts?$select=fullname&$filter={{ call.ani | phone_search('telephone1') | urlencode }}");
        assertEquals(Set.of(), found(landlineOnly, "+14155550103"));
    }

    @Test
    void aSharedNumberFindsEveryoneWhoHasIt() throws Exception {
        assertEquals(Set.of("Thomas Müller", "Petra Müller"), found(ALL_PHONES, "+49309876543"));
    }

    @Test
    void theFilterCombinesWithOtherConditions() throws Exception {
        Template notThomas = TEMPLATES.compile("contacts?$select=fullname&$filter={{ (\"fullname ne 'Thomas Müller'"
                + " and \" ~ (call.ani | phone_search('telephone1', 'mobilephone'))) | urlencode }}");
        assertEquals(Set.of("Petra Müller"), found(notThomas, "+49309876543"));
    }

    @Test
    void anUnknownNumberFindsNobody() throws Exception {
        assertEquals(Set.of(), found(ALL_PHONES, "+15555550199"));
    }

    @Test
    void aWithheldNumberFindsNobodyWithAValidQuery() throws Exception {
        assertEquals(Set.of(), found(ALL_PHONES, "anonymous"));
    }

    /**
     * Every seeded number, searched by its E.164 form with region US. The misses are numbers typed with
     * groups libphonenumber does not use for them, or with decorations no variant has; they are listed
     * here so the documentation can say so.
     */
    @ParameterizedTest(name = "{0} from {1} ({2}): found {3}")
    @CsvSource(delimiter = '|', value = {
        "Anna Schmidt    | +49301234567  | +49 30 1234567    | true",
        "Anna Schmidt    | +491712345678 | +49 171 2345678   | true",
        "Jonas Weber     | +49301234567  | (030) 123-4567    | false",
        "Jonas Weber     | +493055512345 | 030 55512345      | true",
        "Lena Fischer    | +49301234568  | 030/1234568       | true",
        "Lena Fischer    | +491723456789 | 0172 3456789      | true",
        "Michael Brown   | +14155550100  | +1 (415) 555-0100 | true",
        "Michael Brown   | +14155550150  | +1 415 555 0150   | true",
        "Sarah Miller    | +14155550101  | 4155550101        | true",
        "Siobhan O'Brien | +35315550199  | +353 1 555 0199   | true",
        "David Chen      | +14155550102  | 415-555-0102      | true",
        "David Chen      | +14155550103  | +14155550103      | true",
        "Emma Wilson     | +442079460958 | +44 20 7946 0958  | true",
        "Lukas Becker    | +49892345678  | +49 (0)89 2345678 | false",
        "Mia Hoffmann    | +49403456789  | 0049 40 3456789   | false",
        "James Taylor    | +14155550104  | (415) 555-0104    | true",
        "James Taylor    | +16505550177  | +1 650 555 0177   | true",
        "Olivia Martin   | +14155550105  | 415.555.0105      | true",
        "Noah Garcia     | +14155550106  | +1 415 555 0106   | true",
        "Sophie Wagner   | +49892345679  | 089 2345679       | true",
        "Sophie Wagner   | +491601112223 | +49 160 1112223   | true",
        "Felix Schulz    | +491719876543 | 0171 9876543      | true",
        "Hannah Keller   | +41446681800  | +41 44 668 18 00  | true",
        "Thomas Müller   | +49309876543  | +49 30 9876543    | true",
        "Petra Müller    | +49309876543  | +49 30 9876543    | true",
        "Petra Müller    | +491514445556 | +49 151 4445556   | false",
        "Ali Yılmaz      | +902125550107 | +90 212 555 0107  | false",
        "Grace Lee       | +14155550108  | 14155550108       | true",
        "Carlos Ruiz     | +34911234567  | +34 91 123 45 67  | false",
        "Nina Braun      | +49305550100  | +49 30 5550100    | true",
    })
    void everySeededNumberByItsE164Form(String name, String e164, String asStored, boolean expected) throws Exception {
        assertEquals(expected, found(ALL_PHONES, e164).contains(name), asStored);
    }
}
