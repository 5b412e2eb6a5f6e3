package org.popline.sip.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popline.app.config.Overrides;
import org.popline.sip.testkit.Admin;
import org.popline.sip.testkit.CapturedLogs;
import org.popline.sip.testkit.Sipp;
import org.popline.sip.testkit.TestServer;

/**
 * A real caller (SIPp, RFC 4733 keys) enters a PIN in a collect-digits marked secure, in a YAML flow
 * or in a Flow Designer export whose variable is {@code isSecure}: the keys reach the flow, yet
 * appear nowhere Popline shows or keeps calls, only as a count.
 */
class SecureDigitsCallTest {
    private static final String PIN = "4739";
    private static final String FLOW = """
            name: secure-pin
            variables:
              Pin: ""
            start: AskPin
            activities:
              AskPin:
                type: collect-digits
                secure: true
                settings: {prompt: "Enter your PIN, then hash.", max: 6, terminator: "#", into: Pin,
                           first-digit-timeout: 10s}
                links: {success: Thanks, timeout: Sorry, invalid: Sorry}
              Thanks:
                type: play-message
                settings: {text: "Thank you, that is {{ Pin | length }} keys."}
                links: {next: Bye}
              Sorry:
                type: play-message
                settings: {text: "No PIN."}
                links: {next: Bye}
              Bye:
                type: disconnect
            """;

    @TempDir
    Path dir;

    /** The project's own export: GetPin fills the secure variable Pin through SavePin. */
    private static final Path WEBEX_FLOW = Path.of("../ivr/src/test/resources/webex/secure-pin.json");

    @Test
    void aPinIsMaskedInLogsTracesCallsAndRecords() throws Exception {
        Path flow = dir.resolve("secure-pin.yaml");
        Files.writeString(flow, FLOW);
        assertPinMasked(flow, List.of("AskPin", "Thanks", "Bye"));
    }

    @Test
    void aPinCollectedIntoAnIsSecureVariableOfAWebexExportIsMaskedAlike() throws Exception {
        Path flow = dir.resolve("secure-pin.json");
        Files.copy(WEBEX_FLOW, flow);
        assertPinMasked(flow, List.of("GetPin", "SavePin", "Thanks", "Bye"));
    }

    private void assertPinMasked(Path flow, List<String> activities) throws Exception {
        try (CapturedLogs logs = new CapturedLogs();
             TestServer popline = TestServer.start(new Overrides().set("call.flow", flow.toString()))) {
            Sipp.Result sipp = Sipp.scenario("dtmf-then-wait-for-bye.xml").key("caller", "+14155550100")
                    .key("digits", PIN + "#").pause(Duration.ofMillis(500)).run(popline.sipPort, Duration.ofSeconds(40));
            assertTrue(sipp.ok(), "Popline hangs up after the PIN:\n" + sipp.output());

            JsonNode trace = Admin.get(popline, "/flows/traces").get(0);
            assertEquals(activities, trace.findValuesAsText("activity"), trace.toPrettyString());
            assertEquals("success", trace.path("steps").get(0).path("outcome").asText(), "the flow had the PIN");
            assertEquals("***(5)", trace.path("digits").get(0).asText(), trace.toPrettyString());
            JsonNode calls = awaitRecentCall(popline);
            assertEquals("***(5)", calls.path("recent").get(0).path("digits").asText(), calls.toPrettyString());
            JsonNode record = Admin.records(popline, 1).get(0);
            assertEquals("***(5)", record.path("digits").asText(), record.toPrettyString());
            String csv = Admin.text(popline, "/cdrs.csv").body();
            String cdrFile;
            try (var files = Files.list(popline.server.config().cdrFolder())) {
                cdrFile = Files.readString(files.filter(f -> f.toString().endsWith(".jsonl")).findFirst().orElseThrow());
            }
            for (String shown : List.of(trace.toString(), calls.toString(), record.toString(), csv, cdrFile)) {
                assertFalse(shown.contains(PIN), shown);
            }
            assertTrue(cdrFile.contains("***(5)"), cdrFile);
            List<String> lines = logs.lines();
            assertTrue(lines.stream().anyMatch(l -> l.contains("key pressed (")), "key presses are logged, as such");
            assertTrue(lines.stream().noneMatch(l -> l.contains(PIN) || l.matches(".*(digit|key) [4739](?![0-9]).*")),
                    String.join("\n", lines.stream().filter(l -> l.matches(".*[4739].*") && l.contains("key")).toList()));
        }
    }

    private static JsonNode awaitRecentCall(TestServer popline) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        JsonNode calls = Admin.get(popline, "/calls");
        while (calls.path("recent").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            calls = Admin.get(popline, "/calls");
        }
        return calls;
    }
}
