package org.popline.crm.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popline.crm.emulator.odata.EntityRecord;

/** The shipped conf/crm-seed.json holds the cases the reference flow and its tests need. */
class SeedDataTest {

    private static CrmStore store;

    @BeforeAll
    static void load() throws IOException {
        store = new CrmStore(Clock.systemUTC());
        new SeedLoader().load(EmulatorFixture.SEED, store);
    }

    private static Map<String, Long> casesPerContact() {
        return store.all(EntityTypes.INCIDENT).stream()
                .collect(Collectors.groupingBy(c -> c.getString("_customerid_value"), Collectors.counting()));
    }

    @Test
    void atLeastTwentyContactsWithVariedPhoneFormats() {
        List<EntityRecord> contacts = store.all(EntityTypes.CONTACT);
        assertTrue(contacts.size() >= 20);
        List<String> phones = contacts.stream().map(c -> c.getString("telephone1")).filter(Objects::nonNull)
                .collect(Collectors.toList());
        for (String format : List.of("+49 30 1234567", "(030) 123-4567", "030/1234568", "+1 (415) 555-0100",
                "4155550101")) {
            assertTrue(phones.contains(format), format);
        }
        assertTrue(contacts.stream().anyMatch(c -> c.get("telephone1") == null && c.get("mobilephone") != null));
    }

    @Test
    void someContactsHaveSeveralCasesAndOneHasNone() {
        Map<String, Long> cases = casesPerContact();
        assertTrue(cases.values().stream().filter(n -> n >= 2).count() >= 3);
        assertTrue(store.all(EntityTypes.CONTACT).stream().anyMatch(c -> !cases.containsKey(c.getString("contactid"))));
    }

    @Test
    void twoContactsShareANumber() {
        Map<String, Long> byPhone = store.all(EntityTypes.CONTACT).stream()
                .map(c -> c.getString("telephone1")).filter(Objects::nonNull)
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertEquals(1, byPhone.values().stream().filter(n -> n == 2).count());
    }

    @Test
    void casesAreWellFormedAndSpreadOverTime() {
        List<EntityRecord> incidents = store.all(EntityTypes.INCIDENT);
        assertTrue(incidents.stream().allMatch(c -> TicketNumbers.SHAPE.matcher(c.getString("ticketnumber")).matches()));
        assertTrue(incidents.stream().map(c -> c.get("statecode")).distinct().count() == 3);
        assertTrue(incidents.stream().map(c -> c.getString("createdon").substring(0, 7)).distinct().count() > 10);
    }

    @Test
    void badSeedNamesFileAndRecord(@TempDir Path dir) throws IOException {
        Path seed = dir.resolve("seed.json");
        Files.writeString(seed, "{\"contacts\":[{\"contactid\":\"not-a-guid\"}]}");
        IOException e = assertThrows(IOException.class, () -> new SeedLoader().load(seed, new CrmStore(Clock.systemUTC())));
        assertTrue(e.getMessage().contains("seed.json: contacts[0]"), e.getMessage());
        Files.writeString(seed, "{\"incidents\":[{\"title\":\"x\",\"_customerid_value\":"
                + "\"00000000-0000-0000-0000-000000000001\"}]}");
        e = assertThrows(IOException.class, () -> new SeedLoader().load(seed, new CrmStore(Clock.systemUTC())));
        assertTrue(e.getMessage().contains("incidents[0]"), e.getMessage());
    }
}
