package org.popline.ivr.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowLoaderTest {
    private final FlowLoader loader = new FlowLoader(ActivityTypes.standard(), new SimpleExpressionChecker());

    @TempDir
    Path dir;

    private static final String MINIMAL = """
            name: minimal
            variables:
              Greeting: Hello
            start: Hello
            activities:
              Hello:
                type: play-message
                settings:
                  text: "{{ Greeting }}"
                links:
                  next: Bye
              Bye:
                type: disconnect
            """;

    @Test
    void referenceExampleLoadsIntoTheModel() throws Exception {
        Flow flow = loader.load(Path.of(getClass().getResource("/flows/dynamics.yaml").toURI()));

        assertEquals("ms-dynamics", flow.name());
        assertEquals(Map.of("ANI", "", "ContactName", "", "CustomerID", "", "CustomerType", "New"), flow.variables());
        assertEquals("StripANI", flow.start());
        assertEquals(List.of("StripANI", "Greeting", "GetCustomer", "CustomerKnown", "PlayNoCase", "MainMenu",
                "QueueContact", "Music", "Disconnect", "PopCase"), List.copyOf(flow.activities().keySet()));
        assertEquals(Map.of("agent-answered", "PopCase"), flow.events());

        Activity get = flow.activity("GetCustomer").orElseThrow();
        assertEquals("http-request", get.type());
        assertEquals(Optional.of(Duration.ofMillis(2000)), get.settings().duration("timeout"));
        assertEquals(Optional.of(1), get.settings().integer("retries"));
        assertEquals(Optional.of("dynamics"), get.settings().text("connector"));
        assertEquals(Map.of("CustomerID", "$.value[0].contactid", "ContactName", "$.value[0].fullname"),
                get.settings().map("outputs"));
        assertEquals(Map.of("success", "CustomerKnown", "error", "PlayNoCase"), get.links());

        Activity menu = flow.activity("MainMenu").orElseThrow();
        assertEquals(Map.of("1", "agent", "2", "disconnect"), menu.settings().map("choices"));
        assertEquals(Optional.of(Duration.ofSeconds(3)), menu.settings().duration("entry-timeout"));
        assertEquals(Optional.of(true), menu.settings().bool("interruptible"));
        assertEquals(Map.of("1", "QueueContact", "2", "Disconnect", "default", "QueueContact"), menu.links());

        Activity disconnect = flow.activity("Disconnect").orElseThrow();
        assertEquals(Map.of(), disconnect.links());
        assertEquals(Map.of(), disconnect.settings().asMap());
    }

    @Test
    void theModelCannotBeChanged() throws Exception {
        Flow flow = load(MINIMAL);
        assertThrows(UnsupportedOperationException.class, () -> flow.activities().remove("Bye"));
        assertThrows(UnsupportedOperationException.class,
                () -> flow.activity("Hello").orElseThrow().links().put("next", "Hello"));
        assertThrows(UnsupportedOperationException.class,
                () -> flow.activity("Hello").orElseThrow().settings().asMap().clear());
    }

    @Test
    void yamlSyntaxErrorNamesTheLine() {
        assertEquals(List.of(file() + ": line 5: YAML syntax: expected ',' or '}', but got <stream end>"),
                problems("name: x\nstart: A\nactivities:\n  A: {type: disconnect\n"));
    }

    @Test
    void duplicateActivityNameIsAnError() {
        List<String> problems = problems(MINIMAL + "  Bye:\n    type: disconnect\n");
        assertEquals(1, problems.size());
        assertEquals(file() + ": line 14: YAML syntax: Duplicate field 'Bye'", problems.get(0));
    }

    @Test
    void unknownActivityType() {
        assertProblems(MINIMAL.replace("type: disconnect", "type: hangup"),
                "activity 'Bye': type: unknown activity type 'hangup' (known: business-hours, case, collect-digits,"
                        + " condition, disconnect, end, find-customer, http-request, menu, parse, play-message, play-music, queue-contact,"
                        + " queue-lookup, screen-pop, set-variable)");
    }

    @Test
    void missingType() {
        assertProblems(MINIMAL.replace("type: disconnect", "links: {}"), "activity 'Bye': type: required");
    }

    @Test
    void missingRequiredSetting() {
        assertProblems(withActivity("""
                    type: http-request
                    settings:
                      path: contacts
                    links: {success: Bye, error: Bye}
                """), "activity 'Extra': settings.connector: required when path is given");
        assertProblems(withActivity("""
                    type: queue-contact
                    links: {queued: Bye, failure: Bye}
                """), "activity 'Extra': settings.queue: required setting missing");
    }

    @Test
    void urlOrPathIsRequired() {
        assertProblems(withActivity("""
                    type: http-request
                    links: {success: Bye, error: Bye}
                """), "activity 'Extra': settings: needs one of: url, path");
    }

    @Test
    void badDuration() {
        assertProblems(withActivity("""
                    type: http-request
                    settings: {url: "http://crm/x", timeout: 2 seconds}
                    links: {success: Bye, error: Bye}
                """), "activity 'Extra': settings.timeout: bad duration '2 seconds' (expected e.g. 500ms, 3s, 2m)");
    }

    @Test
    void nonInteger() {
        assertProblems(withActivity("""
                    type: http-request
                    settings: {url: "http://crm/x", retries: once}
                    links: {success: Bye, error: Bye}
                """), "activity 'Extra': settings.retries: expected an integer, got 'once'");
    }

    @Test
    void nonBooleanAndBadEnum() {
        assertProblems(withActivity("""
                    type: http-request
                    settings: {url: "http://crm/x", method: FETCH}
                    links: {success: Bye, error: Bye}
                """), "activity 'Extra': settings.method: 'FETCH' is not one of: GET, POST, PUT, PATCH, DELETE");
        assertProblems(MINIMAL.replace("text: \"{{ Greeting }}\"", "text: hi\n      interruptible: sometimes"),
                "activity 'Hello': settings.interruptible: expected true or false, got 'sometimes'");
    }

    @Test
    void unknownSettingKey() {
        assertProblems(MINIMAL.replace("text: \"{{ Greeting }}\"", "txet: hi"),
                "activity 'Hello': settings.txet: unknown setting for play-message (known: text, audio, prompts, voice,"
                        + " interruptible)",
                "activity 'Hello': settings: needs one of: text, audio, prompts");
    }

    @Test
    void severalPromptsAreTextsOrAudioFilesEachChecked() throws Exception {
        Flow flow = load(MINIMAL.replace("text: \"{{ Greeting }}\"",
                "prompts: [{text: \"{{ Greeting }}\"}, {audio: audio/hello.wav}]"));
        assertEquals(List.of(PromptPart.text("{{ Greeting }}"), PromptPart.audio("audio/hello.wav")),
                flow.activity("Hello").orElseThrow().settings().prompts("prompts"));
        assertProblems(MINIMAL.replace("text: \"{{ Greeting }}\"", "prompts: [{txt: hi}, {text: \"{{ Nobody }}\"}]"),
                "activity 'Hello': settings.prompts[0]: expected {text: ...} or {audio: ...}");
        assertProblems(MINIMAL.replace("text: \"{{ Greeting }}\"", "prompts: [{text: \"{{ Nobody }}\"}]"),
                "activity 'Hello': settings.prompts[0].text: unknown variable 'Nobody' (not in variables and not set by"
                        + " any activity)");
        assertProblems(MINIMAL.replace("text: \"{{ Greeting }}\"", "prompts: []"),
                "activity 'Hello': settings.prompts: expected a list of prompts, each {text: ...} or {audio: ...}");
    }

    @Test
    void unknownActivityKey() {
        assertProblems(MINIMAL.replace("type: disconnect", "type: disconnect\n    link: {}"),
                "activity 'Bye': link: unknown key (known: type, settings, links, secure)");
    }

    @Test
    void secureIsTrueOrFalse() {
        assertProblems(MINIMAL.replace("type: disconnect", "type: disconnect\n    secure: maybe"),
                "activity 'Bye': secure: expected true or false");
    }

    @Test
    void aLoopThatNeverWaitsIsRefused() throws Exception {
        Path looping = Path.of(FlowLoaderTest.class.getResource("/flows/loop-without-waiting.yaml").toURI());
        FlowException e = assertThrows(FlowException.class, () -> loader.load(looping));
        assertEquals(List.of(looping + ": activity 'Count': in a loop that never waits: Count -> Enough -> Count"
                + " (put an activity that plays audio, collects digits or calls HTTP in it)"), e.problems());
    }

    @Test
    void aLoopThatPlaysSomethingIsFine() throws Exception {
        load(withActivity("""
                    type: condition
                    settings: {expression: "{{ 1 }}"}
                    links: {true: Again, false: Bye}
                  Again:
                    type: play-message
                    settings: {text: Once more}
                    links: {next: Extra}
                """));
    }

    @Test
    void danglingLink() {
        assertProblems(MINIMAL.replace("next: Bye", "next: Goodbye"),
                "activity 'Bye': unreachable from start and from every event handler",
                "activity 'Hello': links.next: no activity named 'Goodbye'");
    }

    @Test
    void missingLink() {
        assertProblems(MINIMAL.replace("links:\n      next: Bye", "links: {}"),
                "activity 'Bye': unreachable from start and from every event handler",
                "activity 'Hello': links.next: required link missing");
    }

    @Test
    void unknownOutcome() {
        assertProblems(MINIMAL.replace("next: Bye", "next: Bye\n      failure: Bye"),
                "activity 'Hello': links.failure: unknown outcome (expected one of: next, error)");
        assertProblems(MINIMAL.replace("type: disconnect", "type: disconnect\n    links: {next: Hello}"),
                "activity 'Bye': links.next: unknown outcome (disconnect has no links)");
    }

    @Test
    void everyMenuChoiceNeedsALink() {
        assertProblems(withActivity("""
                    type: menu
                    settings:
                      prompt: Press 1 or 2
                      choices: {1: agent, 2: hang up, x: nothing}
                    links: {1: Bye, default: Bye}
                """),
                "activity 'Extra': links.2: required link missing",
                "activity 'Extra': settings.choices.x: not a phone key (expected one of 0-9, *, #)");
    }

    @Test
    void startActivityMissing() {
        assertProblems(MINIMAL.replace("start: Hello", "start: Welcome"),
                "activity 'Bye': unreachable from start and from every event handler",
                "activity 'Hello': unreachable from start and from every event handler",
                "start: no activity named 'Welcome'");
        assertProblems(MINIMAL.replace("start: Hello\n", ""),
                "activity 'Bye': unreachable from start and from every event handler",
                "activity 'Hello': unreachable from start and from every event handler",
                "start: required");
    }

    @Test
    void activityReachedOnlyFromAnEventIsReachable() throws Exception {
        Flow flow = load(MINIMAL + """
                  Extra:
                    type: screen-pop
                    settings: {url: "https://crm/main.aspx"}
                events:
                  agent-answered: {start: Extra}
                  call-ended: {start: Bye}
                """);
        assertEquals(Map.of("agent-answered", "Extra", "call-ended", "Bye"), flow.events());
    }

    @Test
    void unreachableActivity() {
        assertProblems(MINIMAL + """
                  Extra:
                    type: screen-pop
                    settings: {url: "https://crm/main.aspx"}
                """, "activity 'Extra': unreachable from start and from every event handler");
    }

    @Test
    void badEvents() {
        assertProblems(MINIMAL + "events:\n  agent-answerd: {start: Bye}\n  call-ended: {start: Gone}\n",
                "event 'call-ended': start: no activity named 'Gone'",
                "events.agent-answerd: unknown event (known: agent-answered, call-ended, agent-offered, global-error)");
    }

    @Test
    void badTemplateAndBadJsonPath() {
        assertProblems(withActivity("""
                    type: http-request
                    settings:
                      url: "http://crm/contacts?phone={{ Greeting"
                      outputs: {Name: "value[0].fullname"}
                    links: {success: Bye, error: Bye}
                """),
                "activity 'Extra': settings.outputs.Name: bad JSONPath: must start with $",
                "activity 'Extra': settings.url: bad template: unclosed {{");
    }

    @Test
    void unknownVariable() {
        assertProblems(MINIMAL.replace("{{ Greeting }}", "{{ Greting }}"),
                "activity 'Hello': settings.text: unknown variable 'Greting' (not in variables and not set by any"
                        + " activity)");
    }

    @Test
    void variablesSetByActivitiesAndBuiltInsAreKnown() throws Exception {
        load("""
                name: outputs
                start: Ask
                activities:
                  Ask:
                    type: collect-digits
                    settings: {max: 8, into: Account, terminator: "#"}
                    links: {success: Look, timeout: Bye, invalid: Bye}
                  Look:
                    type: http-request
                    settings:
                      url: "http://crm/accounts/{{ Account }}?from={{ call.ani }}"
                      outputs: {Owner: "$.owner"}
                    links: {success: Say, error: Bye}
                  Say:
                    type: play-message
                    settings: {text: "Your account manager is {{ Owner }}"}
                    links: {next: Bye}
                  Bye:
                    type: disconnect
                """);
    }

    @Test
    void unknownSectionAndBadVariableName() {
        assertProblems(MINIMAL.replace("  Greeting: Hello", "  Greeting: Hello\n  2nd: x") + "event: {}\n",
                "event: unknown section (known: name, variables, start, activities, events)",
                "variables.2nd: not a variable name (letters, digits and _, not starting with a digit)");
    }

    @Test
    void everyProblemIsReportedSortedOnePerLine() {
        FlowException e = assertThrows(FlowException.class, () -> load("""
                name: many
                start: Welcome
                activities:
                  Welcome:
                    type: play-message
                    settings: {text: "Hi {{ Nmae }}", interruptible: maybe}
                    links: {next: Menu}
                  Menu:
                    type: menu
                    settings: {prompt: Press 1, choices: {1: agent}, entry-timeout: 3}
                    links: {1: Queue, default: Quuee}
                  Queue:
                    type: queue-contact
                    settings: {queue: support, priority: high}
                    links: {queued: Queue}
                  Orphan:
                    type: disconnect
                """));
        List<String> expected = List.of(
                "activity 'Menu': links.default: no activity named 'Quuee'",
                "activity 'Menu': settings.entry-timeout: bad duration '3' (expected e.g. 500ms, 3s, 2m)",
                "activity 'Orphan': unreachable from start and from every event handler",
                "activity 'Queue': links.failure: required link missing",
                "activity 'Queue': settings.priority: expected an integer, got 'high'",
                "activity 'Welcome': settings.interruptible: expected true or false, got 'maybe'",
                "activity 'Welcome': settings.text: unknown variable 'Nmae' (not in variables and not set by any"
                        + " activity)").stream().map(p -> file() + ": " + p).toList();
        assertEquals(expected, e.problems());
        assertEquals(String.join("\n", expected), e.getMessage());
    }

    @Test
    void badEventShapes() {
        assertProblems(MINIMAL + "events:\n  agent-answered: Bye\n  call-ended: {strat: Bye}\n",
                "event 'call-ended': start: required",
                "event 'call-ended': strat: unknown key (known: start)",
                "events.agent-answered: expected a mapping with start");
    }

    @Test
    void emptyFile() {
        assertProblems("", "activities: required", "flow: expected a mapping with name, variables, start,"
                + " activities, events", "name: required", "start: required");
    }

    @Test
    void unquotedBooleanOutcomesAndSetVariableOutputs() throws Exception {
        Flow flow = load("""
                name: check
                start: Mark
                activities:
                  Mark:
                    type: set-variable
                    settings: {values: {Tier: gold}}
                    links: {next: Gold}
                  Gold:
                    type: condition
                    settings: {expression: "{{ Tier == 'gold' }}"}
                    links:
                      true: Bye
                      false: Bye
                  Bye:
                    type: disconnect
                """);
        assertEquals(Map.of("true", "Bye", "false", "Bye"), flow.activity("Gold").orElseThrow().links());
        assertEquals(Map.of("Tier", "gold"), flow.activity("Mark").orElseThrow().settings().map("values"));
    }

    @Test
    void unreadableFileIsNamed() {
        FlowException e = assertThrows(FlowException.class, () -> loader.load(dir.resolve("absent.yaml")));
        assertEquals(1, e.problems().size());
        assertEquals(dir.resolve("absent.yaml") + ": cannot read: " + dir.resolve("absent.yaml"), e.getMessage());
    }

    /** The minimal flow plus an activity 'Extra', reachable from the call-ended event. */
    private static String withActivity(String body) {
        return MINIMAL + "  Extra:\n" + body + "events:\n  call-ended: {start: Extra}\n";
    }

    private String file() {
        return dir.resolve("x.yaml").toString();
    }

    private Flow load(String yaml) throws IOException, FlowException {
        Files.writeString(dir.resolve("x.yaml"), yaml);
        return loader.load(dir.resolve("x.yaml"));
    }

    private List<String> problems(String yaml) {
        return assertThrows(FlowException.class, () -> load(yaml)).problems();
    }

    private void assertProblems(String yaml, String... expected) {
        assertEquals(List.of(expected).stream().map(p -> file() + ": " + p).toList(), problems(yaml));
    }
}
