package org.popline.ivr.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.popline.ivr.ScreenPop;
import org.popline.ivr.flow.ActivityTypes;
import org.popline.ivr.flow.FlowExpressions;
import org.popline.ivr.flow.FlowLoader;
import org.popline.ivr.template.Templates;

/** The engine on small flows without HTTP: links, events, queue outcomes, failures and the trace. */
class FlowEngineTest {
    private static final Templates TEMPLATES = new Templates("US");
    private static final String QUEUE_FLOW = """
            name: queue-test
            variables:
              Greeting: Hello
              ApiToken: ""
              Ended: "no"
            start: Hello
            activities:
              Hello:
                type: play-message
                settings: {text: "{{ Greeting }} caller {{ call.ani }}"}
                links: {next: Keep}
              Keep:
                type: set-variable
                settings: {values: {ApiToken: "Bearer abc.def", Note: "kept"}}
                links: {next: Queue}
              Queue:
                type: queue-contact
                settings: {queue: support}
                links: {queued: Music, failure: Sorry}
              Music:
                type: play-music
                settings: {source: default, duration: 30s}
                links: {next: Music}
              Sorry:
                type: play-message
                settings: {text: "Sorry, {{ call.queue }} cannot take your call."}
                links: {next: Bye}
              Bye:
                type: disconnect
              Pop:
                type: screen-pop
                settings:
                  url: https://crm.example/main.aspx
                  query: {agent: "{{ call.agent }}", note: "{{ Note }}", empty: ""}
              MarkEnded:
                type: set-variable
                settings: {values: {Ended: "yes"}}
                links: {next: Done}
              Done:
                type: play-message
                settings: {text: "never heard"}
                links: {next: Done2}
              Done2:
                type: disconnect
            events:
              agent-answered: {start: Pop}
              call-ended: {start: MarkEnded}
            """;

    static FlowServices services() {
        return new FlowServices(ActivityTypes.standard(), TEMPLATES, null, Map.of());
    }

    static LoadedFlow load(String text) throws Exception {
        FlowLoader loader = new FlowLoader(ActivityTypes.standard(), new FlowExpressions(TEMPLATES));
        return LoadedFlow.of(loader.parse("test.yaml", text), "v1");
    }

    static CallTrace.View run(LoadedFlow flow, InMemoryCall call) throws InterruptedException {
        FlowTraces traces = new FlowTraces(10);
        new FlowEngine(() -> flow, services(), traces).run(call);
        return traces.find(call.callId()).orElseThrow();
    }

    private static List<String> path(CallTrace.View trace) {
        return trace.steps().stream().map(s -> s.section() + ":" + s.activity() + "->" + s.outcome()).toList();
    }

    @Test
    void agentAnswerStopsTheMainFlowAndPopsThenCallEndedRuns() throws Exception {
        InMemoryCall call = new InMemoryCall("+14155550100").agentAnswersOnMusic("agent-7");
        CallTrace.View trace = run(load(QUEUE_FLOW), call);

        assertEquals(List.of("say: Hello caller +14155550100", "queued: support", "music"), call.heard());
        assertEquals(List.of(new ScreenPop("https://crm.example/main.aspx?agent=agent-7&note=kept", "new-tab", "Pop")),
                call.pops());
        assertEquals(List.of("main:Hello->next", "main:Keep->next", "main:Queue->queued", "main:Music->next",
                "agent-answered:Pop->next", "call-ended:MarkEnded->next", "call-ended:Done->next",
                "call-ended:Done2->done"), path(trace));
        assertEquals("agent call ended", trace.ending());
        assertEquals("v1", trace.flowVersion());
    }

    @Test
    void theObserverHearsEveryActivityThenGetsTheReport() throws Exception {
        InMemoryCall call = new InMemoryCall("+14155550100").agentAnswersOnMusic("agent-7");
        List<String> ran = new ArrayList<>();
        List<FlowReport> reports = new ArrayList<>();
        FlowObserver observer = new FlowObserver() {
            @Override
            public void activityRan(String activity, String type) {
                ran.add(activity);
            }

            @Override
            public void finished(FlowReport report) {
                reports.add(report);
            }
        };
        LoadedFlow flow = load(QUEUE_FLOW);
        new FlowEngine(() -> flow, services(), new FlowTraces(10), observer).run(call);

        assertEquals(List.of("Hello", "Keep", "Queue", "Music", "Pop", "MarkEnded", "Done", "Done2"), ran);
        assertEquals(1, reports.size());
        FlowReport report = reports.get(0);
        assertEquals(call.callId(), report.callId());
        assertEquals("queue-test", report.flow());
        assertEquals("v1", report.flowVersion());
        assertEquals(ran, report.path());
        assertEquals("agent call ended", report.ending());
        assertEquals(Map.of("Greeting", "Hello", "ApiToken", SecretMask.MASK, "Ended", "yes"), report.variables(),
                "the declared variables at the end, secrets masked; undeclared ones (Note) and call.* are not reported");
    }

    @Test
    void secretsAreMaskedInTheTrace() throws Exception {
        InMemoryCall call = new InMemoryCall("+14155550100").hangsUpOnMusic();
        CallTrace.View trace = run(load(QUEUE_FLOW), call);
        TraceStep keep = trace.steps().stream().filter(s -> s.activity().equals("Keep")).findFirst().orElseThrow();
        assertEquals(SecretMask.MASK, keep.outputs().get("ApiToken"));
        assertEquals("kept", keep.outputs().get("Note"));
        assertEquals("Authorization: Bearer ***", SecretMask.maskInText("Authorization: Bearer eyJ0eXAi.abc-def_x"));
        assertEquals("https://x/y?access_token=***&a=1", SecretMask.maskInText("https://x/y?access_token=s3cr3t&a=1"));
    }

    @Test
    void callerHangingUpWhileQueuedLeavesTheQueue() throws Exception {
        InMemoryCall call = new InMemoryCall("+14155550100").hangsUpOnMusic();
        CallTrace.View trace = run(load(QUEUE_FLOW), call);
        assertTrue(call.queueEntry().agentAnswered().isCancelled(), "the queue entry must be withdrawn");
        assertEquals("caller hung up", trace.ending());
        assertTrue(call.pops().isEmpty());
        assertTrue(trace.events().stream().anyMatch(e -> e.endsWith("left queue support")), trace.events().toString());
    }

    @Test
    void queueRefusalTakesTheFailureLink() throws Exception {
        InMemoryCall call = new InMemoryCall("+1").queueRefuses("support");
        CallTrace.View trace = run(load(QUEUE_FLOW), call);
        assertEquals(List.of("say: Hello caller +1", "say: Sorry,  cannot take your call.", "hangup"), call.heard());
        TraceStep queue = trace.steps().get(2);
        assertEquals("failure", queue.outcome());
        assertEquals("queue support is full", queue.outputs().get("failure"));
    }

    @Test
    void queueGivingUpLaterTakesTheFailureLink() throws Exception {
        InMemoryCall call = new InMemoryCall("+1") {
            @Override
            public synchronized java.util.concurrent.CompletableFuture<Void> playMusic() {
                var music = super.playMusic();
                queueGivesUp("maximum wait reached");
                return music;
            }
        };
        CallTrace.View trace = run(load(QUEUE_FLOW), call);
        assertEquals(List.of("say: Hello caller +1", "queued: support", "music",
                "say: Sorry, support cannot take your call.", "hangup"), call.heard());
        assertTrue(trace.events().stream().anyMatch(e -> e.contains("queue gave up: maximum wait reached")));
    }

    @Test
    void aWaitingCallerHearsTheirPositionAndWaitThenTheMusicResumes() throws Exception {
        InMemoryCall call = new InMemoryCall("+1") {
            private int announcements;

            @Override
            public synchronized java.util.concurrent.CompletableFuture<Void> say(String text,
                    java.util.Optional<String> voice, boolean interruptible) {
                var played = super.say(text, voice, interruptible);
                if (text.startsWith("You are") && ++announcements == 2) {
                    end();
                }
                return played;
            }
        }.queueAnnounces(java.time.Duration.ofMillis(100), 2, java.util.Optional.of(java.time.Duration.ofSeconds(170)));
        CallTrace.View trace = run(load(QUEUE_FLOW), call);
        String announcement = "say: You are number 2 in the queue. Your expected wait is about 3 minutes.";
        assertEquals(List.of("say: Hello caller +1", "queued: support", "music", announcement, "music", announcement),
                call.heard());
        assertTrue(trace.events().stream().anyMatch(e -> e.contains("announced: You are number 2")));
    }

    @Test
    void announcementsSayOnlyWhatIsKnown() {
        assertEquals(java.util.Optional.of("You are next in the queue."),
                QueueAnnouncement.text(1, java.util.Optional.empty()));
        assertEquals(java.util.Optional.of("You are number 4 in the queue. Your expected wait is less than a minute."),
                QueueAnnouncement.text(4, java.util.Optional.of(java.time.Duration.ofSeconds(20))));
        assertEquals(java.util.Optional.empty(), QueueAnnouncement.text(0, java.util.Optional.empty()),
                "a caller being offered to an agent is no longer counted");
    }

    @Test
    void aFailingActivityTakesItsErrorOutcomeAndTheTraceSaysWhy() throws Exception {
        LoadedFlow flow = load("""
                name: failing
                start: Broken
                activities:
                  Broken:
                    type: play-message
                    settings: {text: "{{ call.nosuch }}"}
                    links: {next: Bye}
                  Bye:
                    type: play-message
                    settings: {text: Goodbye}
                    links: {next: End}
                  End:
                    type: disconnect
                """);
        InMemoryCall call = new InMemoryCall("+1");
        CallTrace.View trace = run(flow, call);
        assertEquals(List.of("say: Goodbye", "hangup"), call.heard());
        TraceStep broken = trace.steps().get(0);
        assertEquals("error", broken.outcome(), "with no error link, the play-message goes on to next");
        assertEquals("Bye", broken.next());
        assertTrue(broken.error().contains("nosuch"), broken.error());
        assertNull(trace.steps().get(1).error());
    }

    @Test
    void aLoopWhoseWaitingActivityFailsAtOnceIsStoppedByTheStepLimit() throws Exception {
        LoadedFlow flow = load("""
                name: spinning
                start: Broken
                activities:
                  Broken:
                    type: play-message
                    settings: {text: "{{ call.nosuch }}"}
                    links: {next: Check}
                  Check:
                    type: condition
                    settings: {expression: "true"}
                    links: {true: Broken, false: End}
                  End:
                    type: disconnect
                """);
        InMemoryCall call = new InMemoryCall("+1");
        CallTrace.View trace = run(flow, call);
        assertTrue(call.hungUpByFlow(), "the call is hung up instead of spinning");
        assertEquals("step limit", trace.ending());
        assertEquals(FlowRun.MAX_STEPS_WITHOUT_WAITING, trace.steps().size());
    }

    @Test
    void aFlowThatRunsOutOfActivitiesHangsUp() throws Exception {
        LoadedFlow flow = load("""
                name: short
                start: Pop
                activities:
                  Pop:
                    type: screen-pop
                    settings: {url: "https://x/"}
                """);
        InMemoryCall call = new InMemoryCall("+1") {
            @Override
            public void screenPop(ScreenPop pop) {
                // A pop in the main flow, with no agent: nothing to end.
            }
        };
        CallTrace.View trace = run(flow, call);
        assertTrue(call.hungUpByFlow());
        assertEquals("flow ended", trace.ending());
    }

    @Test
    void digitsAreTracedPerStepAndPerCall() throws Exception {
        LoadedFlow flow = load("""
                name: digits
                start: Pin
                activities:
                  Pin:
                    type: collect-digits
                    settings: {prompt: "Enter your PIN, then hash.", max: 6, terminator: "#", into: Pin}
                    links: {success: Read, timeout: End, invalid: End}
                  Read:
                    type: play-message
                    settings: {text: "You entered {{ Pin | spell }}."}
                    links: {next: End}
                  End:
                    type: disconnect
                """);
        InMemoryCall call = new InMemoryCall("+1").presses('1', '2', '3', '#');
        CallTrace.View trace = run(flow, call);
        assertEquals(List.of("say: Enter your PIN, then hash.", "say: You entered 1 2 3.", "hangup"), call.heard());
        assertEquals(List.of("1", "2", "3", "#"), trace.steps().get(0).digits());
        assertEquals(List.of("1", "2", "3", "#"), trace.digits());
        assertEquals(Set.of(), Set.copyOf(trace.steps().get(1).digits()));
    }

    @Test
    void aSecureActivityKeepsItsKeysAndValuesOutOfTraceAndLog() throws Exception {
        LoadedFlow flow = load("""
                name: secure-digits
                variables:
                  Pin: ""
                start: Menu
                activities:
                  Menu:
                    type: menu
                    settings: {prompt: "Press 1 for your account.", choices: {"1": account}}
                    links: {"1": Pin, default: End}
                  Pin:
                    type: collect-digits
                    secure: true
                    settings: {prompt: "Enter your PIN, then hash.", max: 6, terminator: "#", into: Pin}
                    links: {success: Read, timeout: End, invalid: End}
                  Read:
                    type: play-message
                    settings: {text: "Checking {{ Pin }}, that is {{ Pin | spell }}."}
                    links: {next: End}
                  End:
                    type: disconnect
                """);
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.popline");
        ch.qos.logback.classic.Level level = logger.getLevel();
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
                new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
        InMemoryCall call = new InMemoryCall("+1").presses('1', '4', '7', '3', '9', '#');
        FlowTraces traces = new FlowTraces(10);
        List<FlowReport> reports = new ArrayList<>();
        try {
            new FlowEngine(() -> flow, services(), traces, new FlowObserver() {
                @Override
                public void finished(FlowReport report) {
                    reports.add(report);
                }
            }).run(call);
        } finally {
            logger.detachAppender(logs);
            logger.setLevel(level);
        }
        CallTrace.View trace = traces.find(call.callId()).orElseThrow();
        assertEquals("***", reports.get(0).variables().get("Pin"), "the call record gets the PIN masked");
        assertEquals(List.of("say: Press 1 for your account.", "say: Enter your PIN, then hash.",
                "say: Checking 4739, that is 4 7 3 9.", "hangup"), call.heard(), "the flow itself still has the PIN");
        assertEquals(List.of(true, false), call.secureSwitches(), "the call masks keys while the PIN is entered");
        assertEquals(List.of("1", "***(5)"), trace.digits(), "the PIN's four keys and the hash, counted");
        TraceStep pin = trace.steps().get(1);
        assertEquals(List.of("***(5)"), pin.digits());
        assertEquals(Map.of("result", "***"), pin.outputs());
        assertEquals("Checking ***, that is ***.", trace.steps().get(2).inputs().get("text"), trace.steps().toString());
        assertTrue(!trace.toString().contains("4739") && !trace.toString().contains("4 7 3 9"), trace.toString());
        assertTrue(logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains("key 1 taken by Menu")),
                "keys of an ordinary menu are logged at DEBUG");
        assertTrue(logs.list.stream().noneMatch(e -> e.getFormattedMessage().contains("4739")
                || e.getFormattedMessage().matches("(?s).*key [4739#] taken.*")), logs.list.toString());
    }
}
