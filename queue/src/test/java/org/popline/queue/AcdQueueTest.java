package org.popline.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.popline.queue.AcdHarness.MAX_WAIT;
import static org.popline.queue.AcdHarness.agent;
import static org.popline.queue.AcdHarness.caller;
import static org.popline.queue.AcdHarness.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AcdQueueTest {
    private AcdHarness h;

    @AfterEach
    void settled() {
        h.assertSettled();
        h.close();
    }

    private void supportWithAliceAndBob() {
        h = new AcdHarness(List.of(queue("support", Routing.LONGEST_AVAILABLE)),
                List.of(agent("alice", "support"), agent("bob", "support")));
    }

    @Test
    void anUnknownQueueIsRefusedByName() {
        supportWithAliceAndBob();

        QueueRefusedException refused = assertThrows(QueueRefusedException.class, () -> h.enqueue("c1", "sales"));
        assertEquals("no queue named sales", refused.getMessage());
    }

    @Test
    void aFullQueueRefusesTheNextCallerUntilSomeoneLeaves() throws Exception {
        h = new AcdHarness(List.of(new QueueSettings("support", Routing.LONGEST_AVAILABLE, 2, MAX_WAIT,
                AcdHarness.RING_TIMEOUT, AcdHarness.WRAP_UP, Optional.empty())), List.of(agent("alice", "support")));
        QueueTicket first = h.enqueue("c1", "support");
        QueueTicket second = h.enqueue("c2", "support");

        QueueRefusedException refused = assertThrows(QueueRefusedException.class, () -> h.enqueue("c3", "support"));
        assertEquals("queue support is full (2 waiting)", refused.getMessage());
        first.agentAnswered().cancel(false);
        QueueTicket third = h.enqueue("c3", "support");
        assertEquals(2, third.position());
        second.agentAnswered().cancel(false);
        third.agentAnswered().cancel(false);
    }

    @Test
    void aCallAlreadyWaitingIsRefused() throws Exception {
        h = new AcdHarness(List.of(queue("support", Routing.LONGEST_AVAILABLE), queue("sales", Routing.LONGEST_AVAILABLE)),
                List.of(agent("alice", "support")));
        QueueTicket ticket = h.enqueue("c1", "support");

        QueueRefusedException refused = assertThrows(QueueRefusedException.class, () -> h.enqueue("c1", "sales"));
        assertEquals("call c1 is already waiting in support", refused.getMessage());
        ticket.agentAnswered().cancel(false);
    }

    @Test
    void afterTheMaximumWaitTheQueueGivesUpOnTheCaller() throws Exception {
        supportWithAliceAndBob();
        QueueTicket ticket = h.enqueue("c1", "support");
        h.time.advance(MAX_WAIT.minusSeconds(1));
        assertFalse(ticket.agentAnswered().isDone());

        h.time.advance(Duration.ofSeconds(1));

        CompletionException thrown = assertThrows(CompletionException.class, () -> ticket.agentAnswered().join());
        assertInstanceOf(QueueGaveUpException.class, thrown.getCause());
        assertEquals("waited longer than 10m in support", thrown.getCause().getMessage());
        assertEquals(0, ticket.position());
        assertEquals(CallerEvent.Kind.GAVE_UP, h.callerEvents("c1").get(1).kind());
    }

    @Test
    void givingUpWhileAnAgentRingsWithdrawsTheOffer() throws Exception {
        supportWithAliceAndBob();
        h.register("alice");
        QueueTicket ticket = h.enqueue("c1", "support");
        ScriptedDialer.Ring ring = h.dialer.ringing("alice");

        h.time.advance(MAX_WAIT);

        assertTrue(ticket.agentAnswered().isCompletedExceptionally());
        assertTrue(ring.cancelRequested());
        assertEquals(AgentState.AVAILABLE, h.state("alice"));
    }

    @Test
    void anAnsweredCallerIsNotGivenUpOnLater() throws Exception {
        supportWithAliceAndBob();
        h.register("alice");
        QueueTicket ticket = h.enqueue("c1", "support");
        h.answer("alice");

        h.time.advance(MAX_WAIT.multipliedBy(2));

        assertEquals("alice", ticket.agentAnswered().join());
        assertEquals(AgentState.ON_CALL, h.state("alice"));
        h.acd.callEnded("alice");
    }

    @Test
    void estimatedWaitIsEmptyWithTooLittleDataAndPositionTimesMeanHandleTimeOverStaffedAgentsWithEnough() throws Exception {
        supportWithAliceAndBob();
        h.register("alice", "bob");
        for (int call = 1; call <= 3; call++) {
            h.acd.notReady("bob", "break");
            QueueTicket ticket = h.enqueue("handled-" + call, "support");
            h.answer("alice");
            h.time.advance(Duration.ofSeconds(60));
            h.finishCall("alice");
            h.acd.ready("bob");
            if (call == 2) {
                h.acd.notReady("alice", "break");
                h.acd.notReady("bob", "break");
                QueueTicket early = h.enqueue("early", "support");
                assertEquals(Optional.empty(), early.estimatedWait(), "two calls are too few to go on");
                early.agentAnswered().cancel(false);
                h.acd.ready("alice");
                h.acd.ready("bob");
            }
            assertEquals(0, ticket.position());
            assertEquals(Optional.empty(), ticket.estimatedWait(), "no longer waiting");
        }
        h.acd.notReady("alice", "break");
        h.acd.notReady("bob", "break");

        QueueTicket first = h.enqueue("c1", "support");
        QueueTicket second = h.enqueue("c2", "support");

        // Three calls of 60 s talk and 30 s wrap-up; two agents staffed though neither is free.
        assertEquals(Optional.of(Duration.ofSeconds(45)), first.estimatedWait());
        assertEquals(Optional.of(Duration.ofSeconds(90)), second.estimatedWait());
        h.acd.phoneUnregistered("bob");
        assertEquals(Optional.of(Duration.ofSeconds(90)), first.estimatedWait());
        h.acd.phoneUnregistered("alice");
        assertEquals(Optional.empty(), first.estimatedWait(), "nobody staffed");
        first.agentAnswered().cancel(false);
        second.agentAnswered().cancel(false);
    }

    @Test
    void viewsShowAgentsAndWaitingCallersAndRenderAsJson() throws Exception {
        h = new AcdHarness(List.of(queue("support", Routing.RING_ALL)),
                List.of(agent("alice", "support"), agent("bob", "support"), agent("carol", "support")));
        h.register("alice", "bob", "carol");
        h.acd.notReady("carol", "break");
        QueueTicket first = h.enqueue("c1", "support");
        h.time.advance(Duration.ofSeconds(20));
        QueueTicket second = h.enqueue("c2", "support", 3);
        h.time.advance(Duration.ofSeconds(5));

        QueueView support = h.acd.queues().get(0);
        assertEquals(new QueueView("support", Routing.RING_ALL, List.of(
                new WaitingCallerView("c2", caller("c2").ani(), 3, 5, 1, List.of()),
                new WaitingCallerView("c1", caller("c1").ani(), 0, 25, 2, List.of("alice", "bob"))), 25, 3, 0), support);
        AgentView alice = h.agent("alice");
        assertEquals(new AgentView("alice", "Alice", AgentState.RESERVED, Optional.empty(), alice.since(), List.of("support"),
                Optional.of("c1"), 1, 0, 0, Optional.empty()), alice);
        assertEquals(Optional.of("break"), h.agent("carol").reason());

        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule()).registerModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        JsonNode queues = json.readTree(json.writeValueAsString(h.acd.queues()));
        assertEquals("c1", queues.at("/0/waiting/1/callId").asText());
        assertEquals(25, queues.at("/0/longestWaitSeconds").asInt());
        JsonNode agents = json.readTree(json.writeValueAsString(h.acd.agents()));
        assertEquals("RESERVED", agents.at("/0/state").asText());
        assertEquals("c1", agents.at("/0/callerCallId").asText());
        assertEquals("break", agents.at("/2/reason").asText());
        assertEquals("2026-01-05T09:00:00Z", agents.at("/2/since").asText());

        first.agentAnswered().cancel(false);
        second.agentAnswered().cancel(false);
    }

    @Test
    void closingSendsWaitingCallersBackWithdrawsOffersAndRefusesNewCallers() throws Exception {
        supportWithAliceAndBob();
        h.register("alice");
        QueueTicket ringing = h.enqueue("c1", "support");
        QueueTicket waiting = h.enqueue("c2", "support");
        ScriptedDialer.Ring ring = h.dialer.ringing("alice");

        h.acd.close();

        for (QueueTicket ticket : List.of(ringing, waiting)) {
            CompletionException thrown = assertThrows(CompletionException.class, () -> ticket.agentAnswered().join());
            assertEquals("the ACD closed while waiting in support", thrown.getCause().getMessage());
        }
        assertTrue(ring.cancelRequested());
        assertEquals(AgentState.AVAILABLE, h.state("alice"));
        assertEquals(0, h.time.pendingTimers());
        QueueRefusedException refused = assertThrows(QueueRefusedException.class, () -> h.enqueue("c3", "support"));
        assertEquals("the ACD is closed", refused.getMessage());
    }
}
