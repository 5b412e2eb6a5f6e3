package org.popline.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.popline.queue.AcdHarness.WRAP_UP;
import static org.popline.queue.AcdHarness.agent;
import static org.popline.queue.AcdHarness.queue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AcdCallTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    private AcdHarness h;

    @BeforeEach
    void aliceOnACall() throws Exception {
        QueueSettings quickWrapUp = new QueueSettings("sales", Routing.LONGEST_AVAILABLE, 10, AcdHarness.MAX_WAIT,
                AcdHarness.RING_TIMEOUT, Duration.ofSeconds(5), Optional.empty());
        h = new AcdHarness(List.of(queue("support", Routing.LONGEST_AVAILABLE), quickWrapUp),
                List.of(agent("alice", "support", "sales")));
        h.register("alice");
        h.enqueue("c1", "support");
        h.answer("alice");
    }

    @AfterEach
    void settled() {
        h.assertSettled();
        h.close();
    }

    @Test
    void aCallThatEndsIsWrappedUpForTheQueuesWrapUpTimeThenTheAgentIsAvailable() {
        h.time.advance(Duration.ofMinutes(2));
        h.acd.callEnded("alice");
        assertEquals(AgentState.WRAP_UP, h.state("alice"));
        assertEquals(Optional.of("c1"), h.agent("alice").callerCallId());

        h.time.advance(WRAP_UP.minus(SECOND));
        assertEquals(AgentState.WRAP_UP, h.state("alice"));
        h.time.advance(SECOND);
        assertEquals(AgentState.AVAILABLE, h.state("alice"));
        assertEquals(h.time.now(), h.agent("alice").since());
    }

    @Test
    void wrapUpLastsAsLongAsTheQueueTheCallCameFromSays() throws Exception {
        h.finishCall("alice");
        h.enqueue("c2", "sales");
        h.answer("alice");
        h.acd.callEnded("alice");

        h.time.advance(Duration.ofSeconds(5));
        assertEquals(AgentState.AVAILABLE, h.state("alice"));
    }

    @Test
    void notReadyAskedForDuringTheCallTakesEffectAfterWrapUp() {
        h.acd.notReady("alice", "lunch");
        assertEquals(AgentState.ON_CALL, h.state("alice"));
        h.acd.callEnded("alice");
        h.time.advance(WRAP_UP);

        assertEquals(AgentState.NOT_READY, h.state("alice"));
        assertEquals(Optional.of("lunch"), h.agent("alice").reason());
    }

    @Test
    void readyInWrapUpEndsItAndTheOldTimerDoesNotEndTheNextWrapUp() throws Exception {
        h.acd.callEnded("alice");
        h.time.advance(Duration.ofSeconds(10));
        h.acd.ready("alice");
        assertEquals(AgentState.AVAILABLE, h.state("alice"));
        h.enqueue("c2", "support");
        h.answer("alice");
        h.acd.callEnded("alice");

        h.time.advance(Duration.ofSeconds(25));
        assertEquals(AgentState.WRAP_UP, h.state("alice"), "the first wrap-up's timer would have fired by now");
        h.time.advance(Duration.ofSeconds(5));
        assertEquals(AgentState.AVAILABLE, h.state("alice"));
    }

    @Test
    void aPhoneUnregisteredDuringTheCallLogsTheAgentOutWhenItEnds() {
        h.acd.phoneUnregistered("alice");
        assertEquals(AgentState.ON_CALL, h.state("alice"));
        h.acd.callEnded("alice");

        assertEquals(AgentState.LOGGED_OUT, h.state("alice"));
        assertEquals(0, h.time.pendingTimers(), "no wrap-up after logout, and the answered caller's max-wait timer is gone");
    }

    @Test
    void aPhoneUnregisteredInWrapUpLogsOutAtOnce() {
        h.acd.callEnded("alice");
        h.acd.phoneUnregistered("alice");

        assertEquals(AgentState.LOGGED_OUT, h.state("alice"));
        assertEquals(0, h.time.pendingTimers());
    }

    @Test
    void callEndedForAnAgentNotOnACallIsRefused() {
        h.finishCall("alice");

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> h.acd.callEnded("alice"));
        assertEquals("agent alice cannot go from AVAILABLE to WRAP_UP", thrown.getMessage());
    }

    @Test
    void unknownAgentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> h.acd.phoneRegistered("mallory"));
        assertThrows(IllegalArgumentException.class, () -> h.acd.phoneUnregistered("mallory"));
        assertThrows(IllegalArgumentException.class, () -> h.acd.ready("mallory"));
        assertThrows(IllegalArgumentException.class, () -> h.acd.notReady("mallory", "break"));
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> h.acd.callEnded("mallory"));
        assertEquals("no agent mallory", thrown.getMessage());
        h.acd.callEnded("alice");
    }

    @Test
    void readyForALoggedOutAgentIsRefused() {
        h.acd.callEnded("alice");
        h.acd.phoneUnregistered("alice");

        assertThrows(IllegalStateException.class, () -> h.acd.ready("alice"));
        assertEquals(AgentState.LOGGED_OUT, h.state("alice"));
    }
}
