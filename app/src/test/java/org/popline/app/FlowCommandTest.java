package org.popline.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code popline flow check} knows what the configuration folder it is given defines. */
class FlowCommandTest {
    private static final Path AFTER_HOURS = Path.of("../ivr/src/test/resources/webex/after-hours.json");

    private static List<String> check(Path flow, Path conf, int expectedStatus) {
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = FlowCommand.run(new String[] {"check", flow.toString(), "--conf", conf.toString()});
        } finally {
            System.setOut(out);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals(expectedStatus, status, text);
        return text.lines().toList();
    }

    @Test
    void aScheduleTheConfigurationDoesNotDefineIsAnError(@TempDir Path conf) throws Exception {
        Files.createDirectories(conf.resolve("audio"));
        for (String shipped : List.of("audio/hold-music.wav", "crm-seed.json")) {
            Files.copy(ConfFolder.path().resolve(shipped), conf.resolve(shipped));
        }
        Files.writeString(conf.resolve("popline.yaml"), "call:\n  flow: greeting\nqueues:\n  support: {}\n");
        assertEquals(List.of("error: " + AFTER_HOURS + ": activity 'OpenHours': settings.schedule: no business hours "
                + "'bh-sales-0002' are configured (business-hours: none; a Webex businessHoursId maps to one under "
                + "webex.business-hours)"), check(AFTER_HOURS, conf, 1));

        Files.writeString(conf.resolve("popline.yaml"), "call:\n  flow: greeting\nqueues:\n  support: {}\nbusiness-hours:\n  sales:\n"
                + "    zone: Europe/Berlin\n    working: {monday: [09:00-17:00]}\nwebex:\n"
                + "  business-hours: {bh-sales-0002: sales}\n");
        List<String> lines = check(AFTER_HOURS, conf, 0);
        assertEquals(AFTER_HOURS + ": flow 'Popline_AfterHours' is valid: 4 activities, 0 warning(s)",
                lines.get(lines.size() - 1), lines.toString());
    }
}
