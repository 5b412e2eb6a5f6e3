package org.popline.ivr.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popline.ivr.flow.ActivityTypes;
import org.popline.ivr.flow.FlowException;
import org.popline.ivr.flow.FlowExpressions;
import org.popline.ivr.flow.FlowLoader;
import org.popline.ivr.template.Templates;
import org.popline.ivr.webex.Translation;
import org.popline.ivr.webex.WebexMapping;
import org.popline.ivr.webex.WebexTranslator;

/**
 * What an export names that only this server can resolve, each with its own fixture in
 * src/test/resources/webex: a secure variable (secure-pin.json), audio held in a variable
 * (audio-variable.json), an agent named by e-mail (to-agent-email.json) and a business-hours
 * schedule (after-hours.json).
 */
class WebexResolutionTest {
    private static final Path FIXTURES = Path.of("src/test/resources/webex");
    private static final Templates TEMPLATES = new Templates("US");
    private static final String GRACE_EMAIL = "grace.lee@example.com";

    private static WebexTranslator translator(Set<String> agentEmails) {
        return new WebexTranslator(WebexMapping.of("dynamics", List.of("support")).withAgentEmails(agentEmails));
    }

    private static FlowLoader loader(Set<String> agentEmails) {
        return new FlowLoader(ActivityTypes.standard(), new FlowExpressions(TEMPLATES), List.of(translator(agentEmails)));
    }

    private record Run(CallTrace.View trace, FlowReport report) {
        List<String> links() {
            return trace.steps().stream().map(s -> s.activity() + " -" + s.outcome() + "-> " + s.next()).toList();
        }

        TraceStep step(String activity) {
            return trace.steps().stream().filter(s -> s.activity().equals(activity)).findFirst().orElseThrow();
        }
    }

    private static Run run(String fixture, InMemoryCall call) throws Exception {
        FlowFile flow = FlowFile.open(FIXTURES.resolve(fixture), loader(Set.of(GRACE_EMAIL)),
                new DeploymentCheck(Set.of("dynamics"), Set.of("kevin"), a -> true));
        FlowTraces traces = new FlowTraces(5);
        List<FlowReport> reports = new ArrayList<>();
        new FlowEngine(flow, FlowEngineTest.services(), traces, new FlowObserver() {
            @Override
            public void finished(FlowReport report) {
                reports.add(report);
            }
        }).run(call);
        return new Run(traces.find(call.callId()).orElseThrow(), reports.get(0));
    }

    @Test
    void aPinCollectedIntoASecureVariableIsMaskedInTraceAndRecord() throws Exception {
        JsonNode flow = translator(Set.of()).convert("secure-pin.json",
                Files.readString(FIXTURES.resolve("secure-pin.json"))).flow();
        assertTrue(flow.path("activities").path("GetPin").path("secure").asBoolean(), "the collect-digits filling Pin");
        assertTrue(flow.path("activities").path("SavePin").path("secure").asBoolean(), "the set-variable writing Pin");
        assertFalse(flow.path("activities").path("Thanks").has("secure"));

        InMemoryCall call = new InMemoryCall("+14155550123").presses('4', '7', '3', '9', '#');
        Run run = run("secure-pin.json", call);

        assertEquals(List.of("say: Please enter your PIN, then press hash.", "say: Thank you, your PIN has 4 digits.",
                "hangup"), call.heard(), "the flow itself has the PIN");
        assertEquals(List.of("GetPin -success-> SavePin", "SavePin -next-> Thanks", "Thanks -next-> Bye",
                "Bye -done-> null"), run.links());
        assertEquals(List.of(true, false, true, false), call.secureSwitches());
        assertEquals(List.of("***(5)"), run.trace().digits(), "four keys and the hash, counted");
        assertEquals(Map.of("result", "***"), run.step("GetPin").outputs());
        assertEquals("***", run.report().variables().get("Pin"), "the call record gets the PIN masked");
        assertEquals("Welcome.", run.report().variables().get("Greeting"), "other variables are recorded as they are");
        assertFalse(run.trace().toString().contains("4739"), run.trace().toString());
    }

    @Test
    void anAudioPromptVariableNamingAUrlPlaysThatFileFromTheAudioFolder() throws Exception {
        JsonNode flow = translator(Set.of()).convert("audio-variable.json",
                Files.readString(FIXTURES.resolve("audio-variable.json"))).flow();
        assertEquals("audio/{{ Greeting | audiofile }}",
                flow.path("activities").path("Welcome").path("settings").path("audio").asText());
        assertEquals("audio/thanks_{{Lang}}.wav", flow.path("activities").path("Thanks").path("settings").path("audio")
                .asText(), "in a TTS prompt too, an audio prompt variable is a file, not text to speak");

        InMemoryCall call = new InMemoryCall("+14155550123");
        Run run = run("audio-variable.json", call);

        assertEquals(List.of("file: audio/welcome.wav", "file: audio/thanks_en.wav", "hangup"), call.heard());
        assertEquals(List.of("SetGreeting -next-> Welcome", "Welcome -next-> Thanks", "Thanks -next-> Bye",
                "Bye -done-> null"), run.links());
    }

    @Test
    void anAudioFileAVariableNamesThatIsMissingTakesTheErrorPort() throws Exception {
        InMemoryCall call = new InMemoryCall("+14155550123").missingAudio("audio/welcome.wav");
        Run run = run("audio-variable.json", call);

        assertEquals(List.of("say: Welcome to Popline.", "file: audio/thanks_en.wav", "hangup"), call.heard());
        assertEquals("Welcome -error-> Fallback", run.links().get(1));
        assertEquals("audio/welcome.wav", run.step("Welcome").inputs().get("audio"));
        assertTrue(run.step("Welcome").error().contains("no audio file 'audio/welcome.wav'"), run.step("Welcome").error());
    }

    @Test
    void aQueueToAgentByEmailAsksForThatAgentAndWarnsWhenNoAgentHasIt() throws Exception {
        String text = Files.readString(FIXTURES.resolve("to-agent-email.json"));
        assertEquals(List.of(), translator(Set.of(GRACE_EMAIL)).convert("to-agent-email.json", text).warnings(),
                "the e-mail is matched in any case");
        Translation unknown = translator(Set.of("someone.else@example.com")).convert("to-agent-email.json", text);
        assertEquals(List.of("to-agent-email.json: activity 'ToOwner': destinationVariable: no agent has the e-mail "
                + "'Grace.Lee@example.com' (agents.<id>.email); a call reaching it takes the error port"), unknown.warnings());

        InMemoryCall call = new InMemoryCall("+14155550123").hangsUpOnMusic();
        Run run = run("to-agent-email.json", call);
        assertEquals(Optional.of("Grace.Lee@example.com"), call.lastQueueRequest().agent());
        assertEquals(3, call.lastQueueRequest().priority());
        assertEquals(List.of("queued: support", "music"), call.heard());
        assertEquals("ToOwner -queued-> Music", run.links().get(0));
    }

    @Test
    void aQueueToAgentTheQueueRefusesTakesTheErrorPort() throws Exception {
        InMemoryCall call = new InMemoryCall("+14155550123").queueRefuses("support");
        Run run = run("to-agent-email.json", call);
        assertEquals(List.of("say: Your agent is not available.", "hangup"), call.heard());
        assertEquals("ToOwner -failure-> NoAgent", run.links().get(0));
    }

    @Test
    void aScheduleNotConfiguredIsRefusedWhenTheFlowLoads() throws Exception {
        Path file = FIXTURES.resolve("after-hours.json");
        FlowException e = assertThrows(FlowException.class,
                () -> loader(Set.of()).knowingSchedules(Set.of("support-hours")).load(file));
        assertEquals(List.of(file + ": activity 'OpenHours': settings.schedule: no business hours 'bh-sales-0002' are "
                + "configured (business-hours: support-hours; a Webex businessHoursId maps to one under "
                + "webex.business-hours)"), e.problems());
        assertEquals("bh-sales-0002", loader(Set.of()).knowingSchedules(Set.of("bh-sales-0002")).load(file)
                .activity("OpenHours").orElseThrow().settings().text("schedule").orElseThrow());
    }

    @Test
    void aYamlFlowNamingAScheduleNotConfiguredIsRefusedToo() {
        FlowException e = assertThrows(FlowException.class, () -> loader(Set.of()).knowingSchedules(Set.of())
                .parse("hours.yaml", """
                        name: hours
                        start: Hours
                        activities:
                          Hours:
                            type: business-hours
                            settings: {schedule: weekdays}
                            links: {workingHours: End, default: End}
                          Other:
                            type: business-hours
                            settings: {schedule: "{{ call.dnis }}"}
                            links: {workingHours: End, default: End}
                          End:
                            type: end
                        """));
        assertEquals(List.of("hours.yaml: activity 'Hours': settings.schedule: no business hours 'weekdays' are "
                + "configured (business-hours: none; a Webex businessHoursId maps to one under webex.business-hours)"),
                e.problems().stream().filter(p -> p.contains("schedule")).toList(),
                "a schedule read from a variable is known only when a call reaches it");
    }

    @Test
    void anEditNamingAScheduleNotConfiguredIsRejectedAndTheFlowInServiceStays(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("after-hours.json");
        String text = Files.readString(FIXTURES.resolve("after-hours.json"));
        Files.writeString(file, text);
        FlowFile flow = FlowFile.open(file, loader(Set.of()).knowingSchedules(Set.of("bh-sales-0002")),
                new DeploymentCheck(Set.of("dynamics"), Set.of("kevin"), a -> true));
        String version = flow.get().version();

        Files.writeString(file, text.replace("bh-sales-0002", "bh-sales-0003"));
        assertFalse(flow.reloadIfChanged());
        assertEquals(version, flow.get().version());
        assertTrue(flow.rejectedVersion().isPresent());
    }
}
