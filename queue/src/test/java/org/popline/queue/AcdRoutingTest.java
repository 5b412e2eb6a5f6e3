package org.popline.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.popline.queue.AcdHarness.agent;
import static org.popline.queue.AcdHarness.queue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AcdRoutingTest {
    private AcdHarness h;

    @AfterEach
    void settled() {
        h.assertSettled();
        h.close();
    }

    @Test
    void longestAvailableAgentGetsEachCall() throws Exception {
        h = new AcdHarness(List.of(queue("support", Routing.LONGEST_AVAILABLE)),
                List.of(agent("alice", "support"), agent("bob", "support"), agent("carol", "support")));
        h.register("carol");
        h.time.advance(Duration.ofSeconds(1));
        h.register("alice");
        h.time.advance(Duration.ofSeconds(1));
        h.register("bob");

        QueueTicket first = h.enqueue("c1", "support");
        assertEquals(List.of("carol"), h.dialer.ringingAgents());
        h.answer("carol");
        assertEquals("carol", first.agentAnswered().join());
        h.finishCall("carol");

        h.enqueue("c2", "support");
        assertEquals(List.of("alice"), h.dialer.ringingAgents(), "carol is available again, but only since now");
        h.answer("alice");
        h.enqueue("c3", "support");
        assertEquals(List.of("bob"), h.dialer.ringingAgents());
        h.answer("bob");
        h.enqueue("c4", "support");
        assertEquals(List.of("carol"), h.dialer.ringingAgents());
        h.answer("carol");
        h.finishCall("bob");
        h.finishCall("alice");

        h.enqueue("c5", "support");
        assertEquals(List.of("bob"), h.dialer.ringingAgents(), "bob's wrap-up ended before alice's");
        h.answer("bob");
    }

    @Test
    void roundRobinContinuesAfterTheAgentOfferedLast() throws Exception {
        h = new AcdHarness(List.of(queue("sales", Routing.ROUND_ROBIN)),
                List.of(agent("alice", "sales"), agent("bob", "sales"), agent("carol", "sales")));
        h.register("carol", "bob", "alice");

        h.enqueue("c1", "sales");
        h.answer("alice");
        h.finishCall("alice");
        h.enqueue("c2", "sales");
        h.answer("bob");
        h.finishCall("bob");
        h.acd.notReady("carol", "break");
        h.enqueue("c3", "sales");
        h.answer("alice");
        h.finishCall("alice");
        h.acd.ready("carol");
        h.enqueue("c4", "sales");
        h.answer("bob");
        h.enqueue("c5", "sales");
        h.answer("carol");

        assertEquals(List.of("alice", "bob", "alice", "bob", "carol"),
                h.dialer.rings().stream().map(ring -> ring.agentId).toList());
    }

    @Test
    void ringAllRingsEveryAvailableAgentAndTheFirstAnswerWins() throws Exception {
        h = new AcdHarness(List.of(queue("support", Routing.RING_ALL)),
                List.of(agent("alice", "support"), agent("bob", "support"), agent("carol", "support")));
        h.register("alice", "bob", "carol");

        QueueTicket ticket = h.enqueue("c1", "support");
        assertEquals(List.of("alice", "bob", "carol"), h.dialer.ringingAgents());
        ScriptedDialer.Ring alices = h.dialer.ringing("alice");
        ScriptedDialer.Ring carols = h.dialer.ringing("carol");
        h.answer("bob");

        assertEquals("bob", ticket.agentAnswered().join());
        assertEquals(true, alices.cancelRequested());
        assertEquals(true, carols.cancelRequested());
        assertEquals(AgentState.ON_CALL, h.state("bob"));
        assertEquals(AgentState.AVAILABLE, h.state("alice"));
        assertEquals(AgentState.AVAILABLE, h.state("carol"));
        assertEquals(0, h.agent("alice").missed(), "losing a ring-all race is not a missed call");
    }

    @Test
    void ringAllAgentsFreedWhileACallRingsJoinTheRinging() throws Exception {
        h = new AcdHarness(List.of(queue("support", Routing.RING_ALL)),
                List.of(agent("alice", "support"), agent("bob", "support")));
        h.register("alice");
        QueueTicket ticket = h.enqueue("c1", "support");
        h.register("bob");

        assertEquals(List.of("alice", "bob"), h.dialer.ringingAgents());
        h.answer("bob");
        assertEquals("bob", ticket.agentAnswered().join());
        assertEquals(AgentState.AVAILABLE, h.state("alice"));
    }

    @Test
    void ringAllRingsForTheNextCallerRatherThanJoiningWhenSomeoneIsWaitingUnrung() throws Exception {
        h = new AcdHarness(List.of(queue("support", Routing.RING_ALL)),
                List.of(agent("alice", "support"), agent("bob", "support")));
        h.register("alice");
        h.enqueue("c1", "support");
        h.enqueue("c2", "support");
        h.register("bob");

        assertEquals("c2", h.dialer.ringing("bob").caller.callId());
        h.answer("alice");
        h.answer("bob");
    }

    @Test
    void higherPriorityFirstThenWhoCameFirst() throws Exception {
        h = new AcdHarness(List.of(queue("support", Routing.LONGEST_AVAILABLE)), List.of(agent("alice", "support")));
        QueueTicket low = h.enqueue("low", "support", 0);
        QueueTicket firstVip = h.enqueue("vip1", "support", 5);
        QueueTicket middle = h.enqueue("mid", "support", 2);
        QueueTicket secondVip = h.enqueue("vip2", "support", 5);

        assertEquals(List.of(4, 1, 3, 2), List.of(low.position(), firstVip.position(), middle.position(), secondVip.position()));
        h.register("alice");
        for (String expected : List.of("vip1", "vip2", "mid", "low")) {
            assertEquals(expected, h.dialer.ringing("alice").caller.callId());
            h.answer("alice");
            h.finishCall("alice");
        }
    }

    @Test
    void anAgentServingSeveralQueuesTakesTheMostUrgentThenLongestWaitingCallerAmongThem() throws Exception {
        h = new AcdHarness(List.of(queue("support", Routing.LONGEST_AVAILABLE), queue("sales", Routing.LONGEST_AVAILABLE)),
                List.of(agent("alice", "support", "sales")));
        h.enqueue("support-early", "support");
        h.time.advance(Duration.ofSeconds(5));
        h.enqueue("sales-later", "sales");
        h.enqueue("sales-urgent", "sales", 1);
        h.register("alice");

        for (String expected : List.of("sales-urgent", "support-early", "sales-later")) {
            assertEquals(expected, h.dialer.ringing("alice").caller.callId());
            h.answer("alice");
            h.finishCall("alice");
        }
    }

    @Test
    void eachQueuePicksAmongItsOwnAgents() throws Exception {
        h = new AcdHarness(List.of(queue("support", Routing.LONGEST_AVAILABLE), queue("sales", Routing.LONGEST_AVAILABLE)),
                List.of(agent("alice", "support"), agent("bob", "sales")));
        h.register("alice", "bob");
        h.enqueue("c1", "sales");

        assertEquals(List.of("bob"), h.dialer.ringingAgents());
        h.answer("bob");
    }

    @Test
    void aCallerIsOfferedAsSoonAsAnAgentBecomesFree() throws Exception {
        h = new AcdHarness(List.of(queue("support", Routing.LONGEST_AVAILABLE)), List.of(agent("alice", "support")));
        h.register("alice");
        h.acd.notReady("alice", "break");
        QueueTicket ticket = h.enqueue("c1", "support");
        assertEquals(List.of(), h.dialer.ringingAgents());

        h.acd.ready("alice");

        assertEquals(List.of("alice"), h.dialer.ringingAgents());
        h.answer("alice");
        assertEquals("alice", ticket.agentAnswered().join());
        assertEquals(List.of(CallerEvent.Kind.QUEUED, CallerEvent.Kind.OFFERED, CallerEvent.Kind.ANSWERED),
                h.callerEvents("c1").stream().map(CallerEvent::kind).toList());
    }
}
