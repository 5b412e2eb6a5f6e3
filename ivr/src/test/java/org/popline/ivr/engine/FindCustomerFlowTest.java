package org.popline.ivr.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.popline.ivr.ScreenPop;
import org.popline.ivr.customer.CustomerDirectory;
import org.popline.ivr.customer.CustomerMatch;
import org.popline.ivr.flow.ActivityTypes;
import org.popline.ivr.template.Templates;

/** find-customer: each outcome takes its link, sets only what it found, and an ambiguous number names nobody. */
class FindCustomerFlowTest {
    private static final String FLOW = """
            name: find-customer-test
            variables: {Id: "", Name: "", Count: "", CaseNo: "", CaseTitle: "", CaseId: ""}
            start: Find
            activities:
              Find:
                type: find-customer
                settings:
                  number: "{{ call.ani }}"
                  contact-id: Id
                  contact-name: Name
                  match-count: Count
                  case-id: CaseId
                  case-number: CaseNo
                  case-title: CaseTitle
                links: {found: Known, not-found: Unknown, ambiguous: Shared}
              Known:
                type: play-message
                settings: {text: "Hello {{ Name }}, case {{ CaseNo }} about {{ CaseTitle }}"}
                links: {next: Bye}
              Unknown:
                type: play-message
                settings: {text: "Hello unknown caller ({{ Count }})"}
                links: {next: Bye}
              Shared:
                type: play-message
                settings: {text: "Hello, {{ Count }} customers share this number{{ Name }}"}
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
              Pop:
                type: screen-pop
                settings:
                  url: https://crm.example/main.aspx
                  query: {pagetype: search, searchText: "{{ call.ani }}", id: "{{ CaseId }}"}
            events:
              agent-answered: {start: Pop}
            """;

    private final List<String> asked = new ArrayList<>();

    private static java.util.function.Supplier<LoadedFlow> flow() throws Exception {
        LoadedFlow loaded = FlowEngineTest.load(FLOW);
        return () -> loaded;
    }

    private List<String> heard(String ani, CustomerMatch answer) throws Exception {
        CustomerDirectory directory = number -> {
            asked.add(number);
            return answer;
        };
        InMemoryCall call = new InMemoryCall(ani);
        new FlowEngine(flow(), new FlowServices(ActivityTypes.standard(), new Templates("US"),
                null, Map.of(), directory), new FlowTraces(10)).run(call);
        return call.heard();
    }

    @Test
    void foundSetsNameAndLatestCase() throws Exception {
        assertEquals(List.of("say: Hello Anna Schmidt, case CAS-1 about Router", "hangup"),
                heard("+49301234567", CustomerMatch.found("id-1", "Anna Schmidt", "case-1", "CAS-1", "Router")));
        assertEquals(List.of("+49301234567"), asked);
    }

    @Test
    void notFound() throws Exception {
        assertEquals(List.of("say: Hello unknown caller (0)", "hangup"), heard("+15550000", CustomerMatch.notFound()));
    }

    @Test
    void ambiguousNamesNobodyAndPopsTheSearch() throws Exception {
        InMemoryCall call = new InMemoryCall("+49309876543").agentAnswersOnMusic("agent-1");
        new FlowEngine(flow(), new FlowServices(ActivityTypes.standard(), new Templates("US"),
                null, Map.of(), number -> CustomerMatch.ambiguous(2)), new FlowTraces(10)).run(call);
        assertEquals("say: Hello, 2 customers share this number", call.heard().get(0));
        assertEquals(List.of(new ScreenPop("https://crm.example/main.aspx?pagetype=search&searchText=%2B49309876543",
                "new-tab", "Pop")), call.pops());
    }

    @Test
    void errorWithoutItsOwnLinkFallsBackToNotFound() throws Exception {
        assertEquals(List.of("say: Hello unknown caller (0)", "hangup"),
                heard("+49301234567", CustomerMatch.error("TIMEOUT: no answer in time")));
    }

    @Test
    void noCrmConfiguredIsAnErrorNotAFailure() throws Exception {
        InMemoryCall call = new InMemoryCall("+49301234567");
        new FlowEngine(flow(), new FlowServices(ActivityTypes.standard(), new Templates("US"),
                null, Map.of()), new FlowTraces(10)).run(call);
        assertEquals(List.of("say: Hello unknown caller (0)", "hangup"), call.heard());
    }
}
