package org.popline.sip.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popline.app.config.Overrides;
import org.popline.sip.testkit.Admin;
import org.popline.sip.testkit.Sipp;
import org.popline.sip.testkit.TestServer;

/** A flow file as an operator edits it: a broken file stops start-up, a broken edit is ignored, a good one serves. */
class FlowFileServerTest {

    private static String flow(String words) {
        return """
                name: edited
                start: Say
                activities:
                  Say:
                    type: play-message
                    settings: {text: "%s"}
                    links: {next: Bye}
                  Bye:
                    type: disconnect
                """.formatted(words);
    }

    @Test
    void aBrokenFlowFileStopsStartUpNamingFileActivityAndKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, flow("Hello").replace("links: {next: Bye}", "links: {next: Nowhere}"));
        IOException e = assertThrows(IOException.class,
                () -> TestServer.start(new Overrides().set("call.flow", file.toString())));
        assertTrue(e.getMessage().contains(file + ": activity 'Say': links.next: no activity named 'Nowhere'"), e.getMessage());
    }

    @Test
    void aBrokenEditKeepsTheOldFlowServingAndAGoodOneReplacesIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("flow.yaml");
        Files.writeString(file, flow("Version one."));
        try (TestServer popline = TestServer.start(new Overrides().set("call.flow", file.toString()))) {
            String v1 = Admin.get(popline, "/health").path("flowVersion").asText();
            assertEquals("Say", callAndTrace(popline).path("steps").get(0).path("activity").asText());

            Files.writeString(file, flow("Version two.").replace("type: disconnect", "type: hang-up"));
            JsonNode health = awaitHealth(popline, h -> h.has("flowRejectedVersion"), "the broken edit to be rejected");
            assertNotEquals(v1, health.path("flowRejectedVersion").asText());
            assertEquals(v1, health.path("flowVersion").asText(), "the old version stays in service");
            JsonNode trace = callAndTrace(popline);
            assertEquals(v1, trace.path("flowVersion").asText());
            assertEquals("Version one.", trace.path("steps").get(0).path("inputs").path("text").asText());

            Files.writeString(file, flow("Version two."));
            health = awaitHealth(popline, h -> !h.path("flowVersion").asText().equals(v1), "the good edit to load");
            String v2 = health.path("flowVersion").asText();
            assertTrue(health.path("flowRejectedVersion").isMissingNode(), "a good edit clears the rejection");
            trace = callAndTrace(popline);
            assertEquals(v2, trace.path("flowVersion").asText());
            assertEquals("Version two.", trace.path("steps").get(0).path("inputs").path("text").asText());
            popline.assertIdle();
        }
    }

    /** A SIPp call that the flow ends with BYE, and its trace. */
    private static JsonNode callAndTrace(TestServer popline) throws Exception {
        Sipp.Result sipp = Sipp.scenario("wait-for-bye.xml").run(popline.sipPort, Duration.ofSeconds(20));
        assertTrue(sipp.ok(), sipp.output());
        JsonNode latest = Admin.get(popline, "/flows/traces").get(0);
        assertEquals("disconnected by flow", latest.path("ending").asText(), latest.toPrettyString());
        return latest;
    }

    private static JsonNode awaitHealth(TestServer popline, Predicate<JsonNode> condition, String what)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        JsonNode health = Admin.get(popline, "/health");
        while (!condition.test(health)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 15 s for " + what + "; /health: " + health);
            }
            Thread.sleep(100);
            health = Admin.get(popline, "/health");
        }
        return health;
    }
}
