package org.popline.ivr.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.popline.crm.dataverse.DataverseClient;
import org.popline.ivr.ScreenPop;
import org.popline.ivr.flow.ActivityTypes;
import org.popline.ivr.flow.FlowException;
import org.popline.ivr.flow.FlowExpressions;
import org.popline.ivr.flow.FlowLoader;
import org.popline.ivr.hours.BusinessHours;
import org.popline.ivr.http.DataverseConnector;
import org.popline.ivr.http.HttpCaller;
import org.popline.ivr.lab.LabDataverse;
import org.popline.ivr.template.Templates;
import org.popline.ivr.webex.WebexMapping;
import org.popline.ivr.webex.WebexTranslator;

/**
 * Flow Designer exports (the project's own fixtures in src/test/resources/webex) run as they are:
 * the exact prompts a caller hears and the links the flow takes, against an in-memory call and
 * the Dataverse emulator over HTTPS.
 */
class WebexFlowTest {
    @RegisterExtension
    static final LabDataverse CRM = new LabDataverse();

    private static final Path FIXTURES = Path.of("src/test/resources/webex");
    private static final String GRACE = "+14155550108";
    private static final String GRACE_CASE_ID = "bd9e7b3e-daec-5786-8833-f1b32067ab8d";
    private static final String GREETING = "say: Welcome to Popline support.";
    private static final String GRACE_CASE = "say: Hello Grace Lee, your case CAS-01010-TQCFC3 about Email forwarding "
            + "not working was found.";
    private static final String MENU = "say: Please press 1 to be connected to an agent. Press 2 to be disconnected.";
    private static final String NO_CASE = "say: Sorry! We were unable to find your case. Please wait while we find you an agent.";
    private static final Templates TEMPLATES = new Templates("US");

    private static DataverseClient client;
    private static HttpCaller http;

    @BeforeAll
    static void open() {
        client = CRM.client();
        http = new HttpCaller();
    }

    @AfterAll
    static void close() {
        http.close();
        client.close();
    }

    static FlowLoader loader() {
        return new FlowLoader(ActivityTypes.standard(), new FlowExpressions(TEMPLATES),
                List.of(new WebexTranslator(WebexMapping.of("dynamics", List.of("support", "sales")))));
    }

    private static FlowEngine engine(Path file, FlowTraces traces, Map<String, BusinessHours> hours, Clock clock)
            throws FlowException {
        FlowFile flow = FlowFile.open(file, loader(), new DeploymentCheck(Set.of("dynamics"), Set.of("kevin"), a -> true));
        return new FlowEngine(flow, new FlowServices(ActivityTypes.standard(), TEMPLATES, http,
                Map.of("dynamics", new DataverseConnector(client)), hours, clock), traces);
    }

    private static CallTrace.View run(Path file, InMemoryCall call) throws Exception {
        return run(file, call, Map.of(), Clock.systemUTC());
    }

    private static CallTrace.View run(Path file, InMemoryCall call, Map<String, BusinessHours> hours, Clock clock)
            throws Exception {
        FlowTraces traces = new FlowTraces(5);
        engine(file, traces, hours, clock).run(call);
        return traces.find(call.callId()).orElseThrow();
    }

    private static List<String> links(CallTrace.View trace) {
        return trace.steps().stream().map(s -> s.activity() + " -" + s.outcome() + "-> " + s.next()).toList();
    }

    private static String crmRoot() {
        return URI.create(CRM.emulator().baseUrl()).resolve("/").toString();
    }

    @Test
    void aCallerTheQueryFindsHearsTheirNameAndCasePressesOneAndTheirCasePops() throws Exception {
        InMemoryCall call = new InMemoryCall(GRACE).presses('1').agentAnswersOnMusic("agent1");
        CallTrace.View trace = run(FIXTURES.resolve("datadip.json"), call);

        assertEquals(List.of(GREETING, GRACE_CASE, MENU, "queued: support", "music"), call.heard());
        assertEquals(List.of(
                "StripANI -next-> Greeting",
                "Greeting -next-> GetCustomerInfo",
                "GetCustomerInfo -success-> ConditionCheck",
                "ConditionCheck -false-> SetExisting",
                "SetExisting -next-> GetCaseInfo",
                "GetCaseInfo -success-> PlayCaseTitle",
                "PlayCaseTitle -next-> MainMenu",
                "MainMenu -1-> QueueContact",
                "QueueContact -queued-> PlayMusic",
                "PlayMusic -next-> PlayMusic",
                "IsNewCustomer -false-> ScreenPopCase",
                "ScreenPopCase -next-> EndFlow_agentAnswered",
                "EndFlow_agentAnswered -end-> null",
                "EndFlow_callEnded -end-> null"), links(trace));
        assertEquals(List.of(new ScreenPop(crmRoot() + "main.aspx?pagetype=entityrecord&etn=incident&id=" + GRACE_CASE_ID,
                "new-tab", "Customer case")), call.pops());
        assertEquals("200", trace.steps().stream().filter(s -> s.activity().equals("SetExisting")).findFirst()
                .orElseThrow().outputs().get("LookupStatus"));
    }

    @Test
    void everyOfferRunsTheAgentOfferedHandlerBeforeTheAnswer() throws Exception {
        // agent1 does not answer (the queue moves on), agent2 does.
        InMemoryCall call = new InMemoryCall(GRACE).presses('1').offeredOnMusic("agent1", "agent2")
                .agentAnswersOnMusic("agent2");
        CallTrace.View trace = run(FIXTURES.resolve("datadip.json"), call);

        assertEquals(List.of("EndFlow_agentOffered -end-> null", "EndFlow_agentOffered -end-> null",
                "PlayMusic -next-> PlayMusic", "IsNewCustomer -false-> ScreenPopCase"), links(trace).stream()
                .filter(l -> l.startsWith("EndFlow_agentOffered") || l.startsWith("PlayMusic") || l.startsWith("IsNew"))
                .toList(), "the handler runs during the music, which goes on");
        assertEquals(List.of(GREETING, GRACE_CASE, MENU, "queued: support", "music"), call.heard());
        assertEquals(List.of("queued in support", "agent-offered to agent1", "agent-offered to agent2",
                "agent-answered by agent2", "call-ended"), trace.events().stream()
                .map(e -> e.replaceAll("^\\S+ ", "")).filter(e -> !e.startsWith("key")).toList());
    }

    @Test
    void pressingTwoHangsUp() throws Exception {
        InMemoryCall call = new InMemoryCall(GRACE).presses('2');
        CallTrace.View trace = run(FIXTURES.resolve("datadip-template.json"), call);

        assertEquals(List.of(GREETING, GRACE_CASE, MENU, "hangup"), call.heard());
        assertEquals("MainMenu -2-> DisconnectContact", links(trace).get(7));
        assertEquals("disconnected by flow", trace.ending());
    }

    @Test
    void noKeyAtTheMenuGoesStraightToTheQueueAsWebexDoes() throws Exception {
        InMemoryCall call = new InMemoryCall(GRACE).presses(' ').agentAnswersOnMusic("agent1");
        CallTrace.View trace = run(FIXTURES.resolve("datadip.json"), call);

        assertEquals(List.of(GREETING, GRACE_CASE, MENU, "queued: support", "music"), call.heard());
        assertTrue(links(trace).contains("MainMenu -timeout-> QueueContact"), links(trace).toString());
    }

    @Test
    void anUnknownCallerHearsNoCaseAndTheAgentGetsANewCaseForm() throws Exception {
        InMemoryCall call = new InMemoryCall("+19995550000").agentAnswersOnMusic("agent1");
        CallTrace.View trace = run(FIXTURES.resolve("datadip.json"), call);

        assertEquals(List.of(GREETING, NO_CASE, "queued: support", "music"), call.heard());
        assertTrue(links(trace).contains("ConditionCheck -true-> PlayNoCaseMessage"), links(trace).toString());
        assertEquals(List.of(new ScreenPop(crmRoot() + "main.aspx?pagetype=entityrecord&etn=incident", "new-tab",
                "New Case")), call.pops());
    }

    @Test
    void aFailedRequestLeavesItsOutputsAndTheFlowGoesOn(@TempDir Path dir) throws Exception {
        String broken = Files.readString(FIXTURES.resolve("datadip.json")).replace("contacts?$select", "nosuchentity?$select");
        Path file = dir.resolve("broken.json");
        Files.writeString(file, broken);
        InMemoryCall call = new InMemoryCall(GRACE).agentAnswersOnMusic("agent1");
        CallTrace.View trace = run(file, call);

        assertEquals(List.of(GREETING, NO_CASE, "queued: support", "music"), call.heard());
        assertEquals("GetCustomerInfo -error-> ConditionCheck", links(trace).get(2));
    }

    private static final BusinessHours WEEKDAYS = new BusinessHours(ZoneId.of("Europe/Berlin"),
            Map.of(DayOfWeek.MONDAY, List.of(BusinessHours.Span.parse("09:00-17:00"))),
            Set.of(LocalDate.of(2025, 12, 25)), Map.of());

    private static Clock at(String instant) {
        return Clock.fixed(Instant.parse(instant), ZoneOffset.UTC);
    }

    @Test
    void everyOtherActivityTypeOnOnePath() throws Exception {
        InMemoryCall call = new InMemoryCall("+14155550123").presses('1', '2', '3', '4', '#')
                .queueLooksLike(2, Optional.of(Duration.ofSeconds(90))).agentAnswersOnMusic("agent2");
        // Monday 2025-12-01, 10:00 in Berlin.
        CallTrace.View trace = run(FIXTURES.resolve("activities.json"), call, Map.of("bh-0001", WEEKDAYS),
                at("2025-12-01T09:00:00Z"));

        assertEquals(List.of(
                "say: Please enter your four digit account number.",
                "say: You entered 1234. Your number ends in 0123.",
                "looked up: support",
                "say: You are number 2 in line, an even place.",
                "queued: support",
                "music"), call.heard());
        assertEquals(List.of(
                "Hours -workingHours-> SetRecord",
                "SetRecord -next-> ParseRecord",
                "ParseRecord -next-> ByTier",
                "ByTier -0-> GetAccount",
                "GetAccount -success-> ReadBack",
                "ReadBack -next-> Lookup",
                "Lookup -next-> SayWait",
                "SayWait -next-> ToOwner",
                "ToOwner -queued-> Music",
                "Music -next-> Music",
                "PopInside -next-> PopSame",
                "PopSame -next-> End",
                "End -end-> null"), links(trace));
        assertEquals(Optional.of("agent2"), call.lastQueueRequest().agent());
        assertEquals(5, call.lastQueueRequest().priority());
        assertEquals(List.of(new ScreenPop("https://crm.example.com/account?tier=gold", "inside-desktop", "Account"),
                new ScreenPop("https://crm.example.com/notes", "existing-tab", "Notes")), call.pops());
    }

    @Test
    void businessHoursTakeHolidaysAndClosedHours() throws Exception {
        InMemoryCall holiday = new InMemoryCall("+14155550123");
        run(FIXTURES.resolve("activities.json"), holiday, Map.of("bh-0001", WEEKDAYS), at("2025-12-25T10:00:00Z"));
        assertEquals(List.of("say: We are closed for the holiday.", "hangup"), holiday.heard());

        InMemoryCall evening = new InMemoryCall("+14155550123");
        run(FIXTURES.resolve("activities.json"), evening, Map.of("bh-0001", WEEKDAYS), at("2025-12-01T18:00:00Z"));
        assertEquals(List.of("file: audio/closed.wav", "hangup"), evening.heard());
    }

    @Test
    void aSilverCallerHearsAnAudioFileNamedByAVariable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("silver.json");
        Files.writeString(file, Files.readString(FIXTURES.resolve("activities.json")).replace("\\\"gold\\\"", "\\\"silver\\\""));
        InMemoryCall call = new InMemoryCall("+14155550123");
        run(file, call, Map.of("bh-0001", WEEKDAYS), at("2025-12-01T09:00:00Z"));
        assertEquals(List.of("file: audio/silver_silver.wav", "hangup"), call.heard());
    }

    @Test
    void virtualAgentsMediaStreamsAndCallbacksAreRefusedByName() {
        FlowException e = assertThrows(FlowException.class, () -> loader().load(FIXTURES.resolve("refused.json")));
        String where = FIXTURES.resolve("refused.json").toString();
        assertEquals(List.of(
                where + ": activity 'Bot': activityName: 'ivr-virtualassistantvoice' (virtual agents) is not built in "
                        + "Popline; remove the activity or replace it",
                where + ": activity 'CallMeBack': activityName: 'callback' (callback) is not built in Popline; remove "
                        + "the activity or replace it",
                where + ": activity 'Stream': activityName: 'start-media-stream' (media streaming) is not built in "
                        + "Popline; remove the activity or replace it"), e.problems());
    }

    @Test
    void aBadExpressionNamesTheFileTheActivityAndTheSetting(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, Files.readString(FIXTURES.resolve("datadip.json")).replace("{{ CustomerID == \\\"NA\\\" }}",
                "{{ CustomerID == }}"));
        FlowException e = assertThrows(FlowException.class, () -> loader().load(file));
        assertEquals(1, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).startsWith(file + ": activity 'ConditionCheck': settings.expression: bad template:"),
                e.problems().get(0));
    }

    @Test
    void anEditedExportIsReloadedAndABrokenEditIsRejected(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("flow.json");
        String text = Files.readString(FIXTURES.resolve("datadip.json"));
        Files.writeString(file, text);
        FlowFile flow = FlowFile.open(file, loader(), new DeploymentCheck(Set.of("dynamics"), Set.of("kevin"), a -> true));
        String first = flow.get().version();

        Files.writeString(file, text.replace("Welcome to Popline support.", "Welcome back."));
        assertTrue(flow.reloadIfChanged());
        assertTrue(flow.get().flow().activity("Greeting").orElseThrow().settings().text("text").orElseThrow()
                .equals("Welcome back."));

        Files.writeString(file, text.replace("\"play-message\"", "\"play-messages\""));
        assertTrue(!flow.reloadIfChanged());
        assertTrue(!flow.get().version().equals(first));
    }

    private static final List<String> SEVERAL_PROMPTS_GREETING = List.of(
            "file: audio/welcome.wav",
            "file: audio/recorded.wav",
            "say: Hello caller ending in 0123.");

    @Test
    void severalPromptsInOneActivityPlayInOrder() throws Exception {
        InMemoryCall call = new InMemoryCall("+14155550123").presses('1', '1', '2', '3', '4', '#');
        CallTrace.View trace = run(FIXTURES.resolve("several-prompts.json"), call);

        List<String> heard = new java.util.ArrayList<>(SEVERAL_PROMPTS_GREETING);
        heard.addAll(List.of(
                "say: Press 1 for your account.",
                "say: Press 2 to hang up.",
                "say: Please enter your account number.",
                "say: Then press the hash key.",
                "say: You entered 1234.",
                "say: Goodbye.",
                "hangup"));
        assertEquals(heard, call.heard());
        assertEquals(List.of(
                "Welcome -next-> MainMenu",
                "MainMenu -1-> GetAccount",
                "GetAccount -success-> ReadBack",
                "ReadBack -next-> Bye",
                "Bye -done-> null"), links(trace));
        assertEquals(List.of("audio: audio/welcome.wav", "audio: audio/recorded.wav"),
                trace.steps().get(0).inputs().get("prompts"));
    }

    @Test
    void aKeyPressedDuringOneOfSeveralPromptsCutsTheRest() throws Exception {
        InMemoryCall call = new InMemoryCall("+14155550123").pressDuring("Press 1 for your account", '1')
                .pressDuring("Please enter your account", '9').presses('8', '7', '6', '#');
        CallTrace.View trace = run(FIXTURES.resolve("several-prompts.json"), call);

        List<String> heard = new java.util.ArrayList<>(SEVERAL_PROMPTS_GREETING);
        heard.addAll(List.of(
                "interrupted say: Press 1 for your account.",
                "skipped say: Press 2 to hang up.",
                "interrupted say: Please enter your account number.",
                "skipped say: Then press the hash key.",
                "say: You entered 9876.",
                "say: Goodbye.",
                "hangup"));
        assertEquals(heard, call.heard());
        assertTrue(links(trace).contains("MainMenu -1-> GetAccount"), links(trace).toString());
    }
}
