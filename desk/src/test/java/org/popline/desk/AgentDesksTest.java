package org.popline.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.popline.ivr.ScreenPop;
import org.popline.queue.AgentEvent;
import org.popline.queue.AgentProfile;
import org.popline.queue.AgentState;
import org.popline.queue.Caller;

/**
 * The agents' pages' state on its own: offers, answers and pops arriving in either order, pops that
 * come too late, wrap-up deadlines, and each agent's subscribers hearing only their agent.
 */
class AgentDesksTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final ScreenPop POP = new ScreenPop("https://crm.example/main.aspx?id=1", "new-tab", "Customer case");
    private final AgentDesks desks = new AgentDesks(List.of(
            new AgentProfile("agent1", "Ada Agent", Set.of("support")),
            new AgentProfile("agent2", "Grace Agent", Set.of("support"))),
            Map.of("support", Duration.ofSeconds(10)), Clock.fixed(T0, ZoneOffset.UTC));

    private void move(String agent, AgentState from, AgentState to, String callId, int second) {
        desks.onEvent(new AgentEvent(agent, from, to, Optional.empty(), Optional.ofNullable(callId), T0.plusSeconds(second)));
    }

    private void offer(String agent, String callId) {
        desks.offered(agent, new Caller(callId, "+14155550100", Optional.of("Michael Brown"), Optional.empty()),
                "support", Optional.of("CAS-1"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> part(Map<String, Object> snapshot, String key) {
        return (Map<String, Object>) snapshot.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> recent(Map<String, Object> snapshot) {
        return (List<Map<String, Object>>) snapshot.get("recent");
    }

    @Test
    void aPopBeforeTheAcdReportsTheAnswerStillReachesTheCall() {
        move("agent1", AgentState.LOGGED_OUT, AgentState.AVAILABLE, null, 0);
        offer("agent1", "c1");
        move("agent1", AgentState.AVAILABLE, AgentState.RESERVED, "c1", 1);
        Map<String, Object> ringing = desks.snapshot("agent1");
        assertEquals("Michael Brown", part(ringing, "offer").get("name"));
        assertEquals("CAS-1", part(ringing, "offer").get("caseNumber"));
        assertNull(ringing.get("call"));

        desks.deliver("agent1", "c1", POP);
        move("agent1", AgentState.RESERVED, AgentState.ON_CALL, "c1", 3);
        Map<String, Object> talking = desks.snapshot("agent1");
        assertNull(talking.get("offer"));
        assertEquals(T0.plusSeconds(3), part(talking, "call").get("answeredAt"));
        assertEquals(POP.url(), part(part(talking, "call"), "pop").get("url"));

        move("agent1", AgentState.ON_CALL, AgentState.WRAP_UP, "c1", 33);
        Map<String, Object> wrapping = desks.snapshot("agent1");
        assertNull(wrapping.get("call"));
        assertEquals(T0.plusSeconds(43), wrapping.get("wrapUpEndsAt"), "the queue's 10 s wrap-up");
        List<Map<String, Object>> recent = recent(wrapping);
        assertEquals("answered", recent.get(0).get("outcome"));
        assertEquals(POP.url(), part(recent.get(0), "pop").get("url"));

        desks.deliver("agent1", "c1", POP);
        move("agent1", AgentState.WRAP_UP, AgentState.AVAILABLE, null, 43);
        Map<String, Object> after = desks.snapshot("agent1");
        assertNull(after.get("wrapUpEndsAt"));
        assertNull(after.get("call"));
    }

    @Test
    void anUnansweredOfferIsListedAsMissedWithoutAPop() {
        move("agent1", AgentState.LOGGED_OUT, AgentState.AVAILABLE, null, 0);
        move("agent1", AgentState.AVAILABLE, AgentState.RESERVED, "c1", 1);
        offer("agent1", "c1");
        move("agent1", AgentState.RESERVED, AgentState.NOT_READY, null, 16);
        desks.deliver("agent1", "c1", POP);
        Map<String, Object> s = desks.snapshot("agent1");
        List<Map<String, Object>> recent = recent(s);
        assertEquals("missed", recent.get(0).get("outcome"));
        assertEquals("Michael Brown", recent.get(0).get("name"));
        assertNull(recent.get(0).get("pop"));
        assertNull(s.get("offer"));
    }

    @Test
    void subscribersHearTheirAgentOnlyStartingWithTheSnapshot() {
        List<Map<String, Object>> agent1 = new ArrayList<>();
        List<Map<String, Object>> agent2 = new ArrayList<>();
        Runnable stop1 = desks.subscribe("agent1", agent1::add);
        desks.subscribe("agent2", agent2::add);
        assertEquals(1, agent1.size(), "the snapshot at once");
        move("agent1", AgentState.LOGGED_OUT, AgentState.AVAILABLE, null, 0);
        offer("agent1", "c1");
        move("agent1", AgentState.AVAILABLE, AgentState.RESERVED, "c1", 1);
        assertEquals(4, agent1.size());
        assertEquals(1, agent2.size(), "agent2 hears nothing of agent1");
        stop1.run();
        move("agent1", AgentState.RESERVED, AgentState.ON_CALL, "c1", 2);
        assertEquals(4, agent1.size());
    }
}
