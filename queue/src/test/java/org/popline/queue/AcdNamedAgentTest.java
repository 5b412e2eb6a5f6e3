package org.popline.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.popline.queue.AcdHarness.agent;
import static org.popline.queue.AcdHarness.caller;
import static org.popline.queue.AcdHarness.queue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A caller queued for one named agent (Webex's queue-to-agent), and the outlook a caller about to join would see. */
class AcdNamedAgentTest {
    private AcdHarness h;

    @AfterEach
    void settled() {
        h.assertSettled();
        h.close();
    }

    private QueueTicket enqueueFor(String callId, String agentId) throws QueueRefusedException {
        return h.acd.enqueue(caller(callId), "support", 0, Optional.of(agentId));
    }

    @Test
    void aCallerForOneAgentIsOfferedOnlyToThatAgentAndDoesNotHoldUpTheOthers() throws Exception {
        h = new AcdHarness(List.of(queue("support", Routing.LONGEST_AVAILABLE)),
                List.of(agent("alice", "support"), agent("bob", "support")));
        h.register("alice");
        h.time.advance(Duration.ofSeconds(1));
        h.register("bob");
        h.acd.notReady("bob", "lunch");

        QueueTicket forBob = enqueueFor("c1", "bob");
        assertEquals(List.of(), h.dialer.ringingAgents(), "alice is free, but the caller is bob's");
        QueueTicket anyone = h.enqueue("c2", "support");
        assertEquals(List.of("alice"), h.dialer.ringingAgents(), "the caller behind is not held up");
        h.answer("alice");
        assertEquals("alice", anyone.agentAnswered().join());
        assertEquals(1, forBob.position());

        h.acd.ready("bob");
        assertEquals(List.of("bob"), h.dialer.ringingAgents());
        h.answer("bob");
        assertEquals("bob", forBob.agentAnswered().join());
        h.finishCall("alice");
        h.finishCall("bob");
    }

    @Test
    void theNamedAgentMayServeOtherQueuesAndAnUnknownOneIsRefused() throws Exception {
        h = new AcdHarness(List.of(queue("support", Routing.RING_ALL), queue("sales", Routing.RING_ALL)),
                List.of(agent("alice", "support"), agent("bob", "support"), agent("carol", "sales")));
        h.register("alice", "bob", "carol");

        QueueTicket forCarol = enqueueFor("c1", "carol");
        assertEquals(List.of("carol"), h.dialer.ringingAgents(), "a ring-all queue rings only the named agent");
        h.answer("carol");
        assertEquals("carol", forCarol.agentAnswered().join());
        h.finishCall("carol");

        QueueRefusedException e = assertThrows(QueueRefusedException.class, () -> enqueueFor("c2", "nobody"));
        assertEquals("no agent named nobody", e.getMessage());
    }

    @Test
    void theOutlookCountsCallersOfTheSameOrHigherPriorityAndEstimatesFromRecentCalls() throws Exception {
        h = new AcdHarness(List.of(queue("support", Routing.LONGEST_AVAILABLE)), List.of(agent("alice", "support")));
        h.register("alice");
        assertEquals(new QueueOutlook(1, Optional.empty()), h.acd.outlook("support", 0), "nothing to go on yet");
        for (int i = 0; i < RecentHandleTimes.NEEDED_FOR_ESTIMATE; i++) {
            h.enqueue("done" + i, "support");
            h.answer("alice");
            h.time.advance(Duration.ofSeconds(60));
            h.finishCall("alice");
        }
        h.acd.notReady("alice", "break");
        h.enqueue("c1", "support", 5);
        h.enqueue("c2", "support", 0);
        h.enqueue("c3", "support", 0);

        QueueOutlook normal = h.acd.outlook("support", 0);
        assertEquals(4, normal.position());
        // Handle time is talk (60 s) plus wrap-up (30 s); one agent staffed.
        assertEquals(Optional.of(Duration.ofSeconds(360)), normal.estimatedWait());
        assertEquals(2, h.acd.outlook("support", 5).position(), "only the priority-5 caller is ahead");
        assertFalse(h.acd.queues().get(0).waiting().isEmpty());
        assertThrows(QueueRefusedException.class, () -> h.acd.outlook("nowhere", 0));

        h.acd.ready("alice");
        for (String callId : List.of("c1", "c2", "c3")) {
            assertTrue(h.dialer.ringingAgents().contains("alice"), callId);
            h.answer("alice");
            h.finishCall("alice");
        }
    }
}
