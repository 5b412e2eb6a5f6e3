package org.popline.ivr.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popline.ivr.flow.ActivityTypes;
import org.popline.ivr.flow.FlowException;
import org.popline.ivr.flow.FlowExpressions;
import org.popline.ivr.flow.FlowLoader;
import org.popline.ivr.template.Templates;

/** Hot reload: new calls get a changed file, running calls keep theirs, a broken edit changes nothing. */
class FlowFileTest {
    private static final FlowLoader LOADER =
            new FlowLoader(ActivityTypes.standard(), new FlowExpressions(new Templates("US")));

    private static String flow(String greeting) {
        return """
                name: reload
                start: Hello
                activities:
                  Hello:
                    type: play-message
                    settings: {text: "%s"}
                    links: {next: Queue}
                  Queue:
                    type: queue-contact
                    settings: {queue: support}
                    links: {queued: Music, failure: Bye}
                  Music:
                    type: play-music
                    settings: {source: default, duration: 30s}
                    links: {next: Music}
                  Bye:
                    type: disconnect
                """.formatted(greeting);
    }

    private static FlowFile open(Path file) throws FlowException {
        return FlowFile.open(file, LOADER,
                new DeploymentCheck(Set.of("dynamics"), Set.of("kevin"), name -> name.equals("audio/hold.wav")));
    }

    @Test
    void aChangedFileServesNewCallsWhileARunningCallKeepsItsVersion(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("flow.yaml");
        Files.writeString(file, flow("Version one"));
        FlowFile flows = open(file);
        FlowTraces traces = new FlowTraces(10);
        FlowEngine engine = new FlowEngine(flows, FlowEngineTest.services(), traces);

        InMemoryCall first = new InMemoryCall("+1001");
        Thread firstRun = new Thread(() -> {
            try {
                engine.run(first);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        firstRun.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!first.heard().contains("music") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(first.heard().contains("music"), "the first call must be waiting in the queue");

        assertFalse(flows.reloadIfChanged(), "an unchanged file is not reloaded");
        String v1 = flows.get().version();
        Files.writeString(file, flow("Version two"));
        assertTrue(flows.reloadIfChanged());
        String v2 = flows.get().version();
        assertNotEquals(v1, v2);

        InMemoryCall second = new InMemoryCall("+1002").hangsUpOnMusic();
        engine.run(second);
        assertEquals(List.of("say: Version two", "queued: support", "music"), second.heard());

        first.end();
        firstRun.join(TimeUnit.SECONDS.toMillis(10));
        assertEquals(List.of("say: Version one", "queued: support", "music"), first.heard());
        assertEquals(v1, traces.find(first.callId()).orElseThrow().flowVersion());
        assertEquals(v2, traces.find(second.callId()).orElseThrow().flowVersion());
    }

    @Test
    void aBrokenEditIsRejectedAndThePreviousVersionStays(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("flow.yaml");
        Files.writeString(file, flow("Hello"));
        FlowFile flows = open(file);
        String v1 = flows.get().version();

        Files.writeString(file, flow("Hello").replace("type: disconnect", "type: hang-up"));
        assertFalse(flows.reloadIfChanged());
        assertEquals(v1, flows.get().version());
        assertFalse(flows.reloadIfChanged(), "the same broken text is not tried again and again");

        Files.delete(file);
        assertFalse(flows.reloadIfChanged(), "a vanished file keeps the version in service");
        assertEquals(v1, flows.get().version());

        Files.writeString(file, flow("Fixed"));
        assertTrue(flows.reloadIfChanged());
        InMemoryCall call = new InMemoryCall("+1").hangsUpOnMusic();
        new FlowEngine(flows, FlowEngineTest.services(), new FlowTraces(1)).run(call);
        assertEquals("say: Fixed", call.heard().get(0));
    }

    @Test
    void startUpFailsNamingFileActivityAndKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("flow.yaml");
        Files.writeString(file, flow("Hello").replace("settings: {queue: support}",
                "settings: {queue: support, priority: high}"));
        FlowException e = assertThrows(FlowException.class, () -> open(file));
        assertEquals(List.of(file + ": activity 'Queue': settings.priority: expected an integer, got 'high'"),
                e.problems());
    }

    @Test
    void connectorsVoicesAndAudioFilesMustExistOnThisServer(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("flow.yaml");
        Files.writeString(file, flow("Hello")
                .replace("source: default", "source: audio/missing.wav")
                .replace("settings: {text: \"Hello\"}", "settings: {text: \"Hello\", voice: kevin16}")
                .replace("  Bye:\n    type: disconnect", "  Bye:\n    type: http-request\n"
                        + "    settings: {connector: salesforce, path: x}\n    links: {success: End, error: End}\n"
                        + "  End:\n    type: disconnect"));
        FlowException e = assertThrows(FlowException.class, () -> open(file));
        assertEquals(List.of(
                file + ": activity 'Bye': settings.connector: no connector 'salesforce' is configured (known: dynamics)",
                file + ": activity 'Hello': settings.voice: no voice 'kevin16' (known: kevin)",
                file + ": activity 'Music': settings.source: no audio file 'audio/missing.wav'"), e.problems());
    }
}
