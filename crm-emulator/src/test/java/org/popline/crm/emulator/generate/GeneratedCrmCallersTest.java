package org.popline.crm.emulator.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedCrmCallersTest {

    @TempDir
    Path folder;

    @Test
    void everyCallerIsOneContactsOwnNumberAndTheFileIsSippInjection() throws Exception {
        GeneratedCrm crm = CrmGenerator.generate(3, 5_000);
        Map<String, Integer> holders = new HashMap<>();
        crm.contacts().forEach(c -> c.phones().values().forEach(p -> holders.merge(p.e164(), 1, Integer::sum)));
        assertTrue(holders.values().stream().anyMatch(n -> n > 1), "the generated CRM has shared lines to leave out");

        List<String> callers = crm.callers();
        assertEquals(callers.size(), new HashSet<>(callers).size(), "each caller a different number");
        callers.forEach(n -> assertEquals(1, holders.get(n), n + " is held by exactly one contact"));
        callers.forEach(n -> assertTrue(n.matches("\\+[1-9][0-9]{6,14}"), n + " is E.164"));
        assertTrue(callers.size() >= crm.contacts().size() * 99 / 100, callers.size() + " callers of "
                + crm.contacts().size() + " contacts");

        Path file = folder.resolve("callers.csv");
        crm.writeCallers(file);
        List<String> lines = Files.readAllLines(file);
        assertEquals("SEQUENTIAL", lines.get(0));
        assertEquals(callers.size() + 1, lines.size());
        assertEquals(callers.get(0) + ";", lines.get(1));
    }
}
