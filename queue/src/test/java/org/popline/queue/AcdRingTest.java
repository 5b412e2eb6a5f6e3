package org.popline.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.popline.queue.AcdHarness.agent;
import static org.popline.queue.AcdHarness.caller;
import static org.popline.queue.AcdHarness.queue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AcdRingTest {
    private AcdHarness h;

    @AfterEach
    void settled() {
        h.assertSettled();
        h.close();
    }

    private void twoAgents() {
        h = new AcdHarness(List.of(queue("support", Routing.LONGEST_AVAILABLE)),
                List.of(agent("alice", "support"), agent("bob", "support")));
        h.register("alice");
        h.time.advance(Duration.ofSeconds(1));
        h.register("bob");
    }

    @Test
    void theDialerIsAskedToRingForTheQueuesRingTimeout() throws Exception {
        twoAgents();
        h.enqueue("c1", "support");

        ScriptedDialer.Ring ring = h.dialer.ringing("alice");
        assertEquals(AcdHarness.RING_TIMEOUT, ring.ringTimeout);
        assertEquals(caller("c1"), ring.caller);
        ring.answer();
    }

    @Test
    void ringNoAnswerMakesTheAgentNotReadyAndOffersTheCallerToTheNextAgentWithoutLosingTheirPlace() throws Exception {
        h = new AcdHarness(List.of(queue("support", Routing.LONGEST_AVAILABLE)),
                List.of(agent("alice", "support"), agent("bob", "support")));
        h.register("alice");
        QueueTicket first = h.enqueue("c1", "support");
        QueueTicket second = h.enqueue("c2", "support");
        h.dialer.ringing("alice").end(RingResult.NO_ANSWER);

        assertEquals(AgentState.NOT_READY, h.state("alice"));
        assertEquals(Optional.of("RONA"), h.agent("alice").reason());
        assertEquals(1, h.agent("alice").missed());
        assertEquals(List.of(1, 2), List.of(first.position(), second.position()));
        assertEquals(List.of(), h.dialer.ringingAgents(), "nobody else is free yet");

        h.register("bob");
        assertEquals("c1", h.dialer.ringing("bob").caller.callId(), "the first caller is still first");
        h.answer("bob");
        assertEquals("bob", first.agentAnswered().join());
        assertEquals(1, second.position());

        h.acd.ready("alice");
        h.answer("alice");
        assertEquals("alice", second.agentAnswered().join());
    }

    @Test
    void aBusyPhoneIsNotRungAgainUntilTheAgentIsReady() throws Exception {
        twoAgents();
        QueueTicket ticket = h.enqueue("c1", "support");
        h.dialer.ringing("alice").end(RingResult.BUSY);

        assertEquals(AgentState.NOT_READY, h.state("alice"));
        assertEquals(Optional.of("busy"), h.agent("alice").reason());
        assertEquals(List.of("bob"), h.dialer.ringingAgents());
        h.dialer.ringing("bob").end(RingResult.DECLINED);
        assertEquals(Optional.of("declined"), h.agent("bob").reason());
        assertEquals(1, ticket.position(), "nobody left to ring; the caller waits");

        h.acd.ready("alice");
        h.answer("alice");
        assertEquals("alice", ticket.agentAnswered().join());
    }

    @Test
    void aCallerWhoHangsUpWhileQueuedLeavesTheQueue() throws Exception {
        twoAgents();
        h.acd.notReady("alice", "break");
        h.acd.notReady("bob", "break");
        QueueTicket first = h.enqueue("c1", "support");
        QueueTicket second = h.enqueue("c2", "support");

        first.agentAnswered().cancel(false);

        assertEquals(0, first.position());
        assertEquals(1, second.position());
        assertEquals(CallerEvent.Kind.LEFT, h.callerEvents("c1").get(1).kind());
        h.acd.ready("bob");
        assertEquals("c2", h.dialer.ringing("bob").caller.callId());
        h.answer("bob");
    }

    @Test
    void aCallerWhoHangsUpWhileAnAgentRingsWithdrawsTheOfferAndTheAgentIsAvailableAgain() throws Exception {
        twoAgents();
        QueueTicket ticket = h.enqueue("c1", "support");
        ScriptedDialer.Ring ring = h.dialer.ringing("alice");

        ticket.agentAnswered().cancel(false);

        assertTrue(ring.cancelRequested());
        assertEquals(RingResult.CANCELLED, ring.result().join());
        assertEquals(AgentState.AVAILABLE, h.state("alice"));
        assertEquals(0, h.agent("alice").missed());
        assertEquals(0, ticket.position());
    }

    @Test
    void aWithdrawnAgentStaysReservedUntilTheDialerConfirmsTheCancel() throws Exception {
        twoAgents();
        h.dialer.confirmCancellationsByHand();
        QueueTicket ticket = h.enqueue("c1", "support");
        ScriptedDialer.Ring ring = h.dialer.ringing("alice");

        ticket.agentAnswered().cancel(false);
        assertTrue(ring.cancelRequested());
        assertEquals(AgentState.RESERVED, h.state("alice"), "the phone may still be answered");
        ring.end(RingResult.CANCELLED);

        assertEquals(AgentState.AVAILABLE, h.state("alice"));
    }

    @Test
    void anAnswerThatBeatsTheCancelIsTheAgentsCallUntilTheDialerEndsIt() throws Exception {
        h = new AcdHarness(List.of(queue("support", Routing.RING_ALL)),
                List.of(agent("alice", "support"), agent("bob", "support")));
        h.register("alice", "bob");
        h.dialer.confirmCancellationsByHand();
        QueueTicket ticket = h.enqueue("c1", "support");
        ScriptedDialer.Ring bobs = h.dialer.ringing("bob");
        h.answer("alice");
        bobs.answer();

        assertEquals("alice", ticket.agentAnswered().join());
        assertEquals(AgentState.ON_CALL, h.state("bob"));
        assertEquals(Optional.of("c1"), h.agent("bob").callerCallId());
        h.acd.callEnded("bob");
        assertEquals(AgentState.WRAP_UP, h.state("bob"));
        h.acd.callEnded("alice");
    }

    @Test
    void anOfferWithdrawnBeforeRingReturnsIsCancelledAsSoonAsItDoes() throws Exception {
        twoAgents();
        h.acd.notReady("bob", "break");
        h.dialer.confirmCancellationsByHand();
        AtomicReference<QueueTicket> ticket = new AtomicReference<>();
        h.dialer.onEveryRing(ring -> ticket.get().agentAnswered().cancel(false));
        h.acd.notReady("alice", "break");
        ticket.set(h.enqueue("c1", "support"));

        h.acd.ready("alice");

        ScriptedDialer.Ring ring = h.dialer.rings().get(0);
        assertTrue(ring.cancelRequested());
        ring.end(RingResult.CANCELLED);
        assertEquals(AgentState.AVAILABLE, h.state("alice"));
    }

    @Test
    void aRingAnsweredBeforeRingReturnsCompletesTheTicketBeforeEnqueueReturns() throws Exception {
        twoAgents();
        h.dialer.onEveryRing(ScriptedDialer.Ring::answer);

        QueueTicket ticket = h.enqueue("c1", "support");

        assertEquals("alice", ticket.agentAnswered().getNow(null));
        assertEquals(AgentState.ON_CALL, h.state("alice"));
        assertEquals(0, ticket.position());
        h.acd.callEnded("alice");
    }

    @Test
    void aDialerThatCannotRingCountsAsUnreachableAndTheNextAgentIsRung() throws Exception {
        twoAgents();
        h.dialer.makeUnreachable("alice");

        QueueTicket ticket = h.enqueue("c1", "support");

        assertEquals(Optional.of("unreachable"), h.agent("alice").reason());
        h.answer("bob");
        assertEquals("bob", ticket.agentAnswered().join());
    }

    @Test
    void aCallThatEndsBeforeTheAnswerReachesTheAcdEndsAsSoonAsItDoes() throws Exception {
        twoAgents();
        h.dialer.onEveryRing(ring -> {
            ring.answer();
            h.acd.callEnded(ring.agentId);
            assertEquals(AgentState.RESERVED, h.state(ring.agentId), "ring() has not even returned");
        });

        QueueTicket ticket = h.enqueue("c1", "support");

        assertEquals("alice", ticket.agentAnswered().join());
        assertEquals(AgentState.WRAP_UP, h.state("alice"));
        assertEquals(1, h.agent("alice").answered());
    }
}
