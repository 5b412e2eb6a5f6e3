package org.popline.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.popline.queue.AgentState.AVAILABLE;
import static org.popline.queue.AgentState.LOGGED_OUT;
import static org.popline.queue.AgentState.NOT_READY;
import static org.popline.queue.AgentState.ON_CALL;
import static org.popline.queue.AgentState.RESERVED;
import static org.popline.queue.AgentState.WRAP_UP;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class AgentTest {
    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    private static final Caller CALLER = new Caller("call-1", "+14155550100", Optional.empty(), Optional.empty());

    private final List<AgentEvent> moves = new ArrayList<>();
    private final List<Duration> handleTimes = new ArrayList<>();
    private final Agent alice = new Agent(new AgentProfile("alice", "Alice", Set.of("support")), T0, new Agent.Observer() {
        @Override
        public void stateChanged(AgentEvent event) {
            moves.add(event);
        }

        @Override
        public void callCompleted(String queue, Duration handleTime) {
            assertEquals("support", queue);
            handleTimes.add(handleTime);
        }
    });

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void aRegisteredPhoneMakesTheAgentAvailable() {
        alice.phoneRegistered(at(5));

        assertEquals(AVAILABLE, alice.state());
        assertEquals(at(5), alice.availableSince());
        assertEquals(List.of(new AgentEvent("alice", LOGGED_OUT, AVAILABLE, Optional.empty(), Optional.empty(), at(5))), moves);
    }

    @Test
    void aCallGoesThroughReservedOnCallAndWrapUp() {
        alice.phoneRegistered(at(0));
        alice.offered(CALLER, "support", at(10));
        assertEquals(Optional.of(CALLER), alice.caller());
        alice.answered(at(12));
        alice.callEnded(at(72));
        assertEquals(WRAP_UP, alice.state());
        assertEquals(Optional.of(CALLER), alice.caller(), "wrap-up is about the caller just talked to");
        alice.wrapUpOver(at(102));

        assertEquals(AVAILABLE, alice.state());
        assertEquals(at(102), alice.availableSince());
        assertEquals(Optional.empty(), alice.caller());
        assertEquals(List.of(Duration.ofSeconds(90)), handleTimes, "talk from the answer plus wrap-up");
        assertEquals(List.of(1, 1, 0), List.of(alice.offered(), alice.answered(), alice.missed()));
        assertEquals(List.of(AVAILABLE, RESERVED, ON_CALL, WRAP_UP, AVAILABLE), moves.stream().map(AgentEvent::to).toList());
        assertEquals(List.of("", "call-1", "call-1", "call-1", ""),
                moves.stream().map(move -> move.callerCallId().orElse("")).toList());
    }

    @Test
    void illegalMovesThrowNamingTheAgentFromAndTo() {
        assertIllegal(() -> alice.ready(at(1)), "agent alice cannot go from LOGGED_OUT to AVAILABLE");
        assertIllegal(() -> alice.notReady("break", at(1)), "agent alice cannot go from LOGGED_OUT to NOT_READY");
        alice.phoneRegistered(at(1));
        assertIllegal(() -> alice.answered(at(2)), "agent alice cannot go from AVAILABLE to ON_CALL");
        assertIllegal(() -> alice.callEnded(at(2)), "agent alice cannot go from AVAILABLE to WRAP_UP");
        assertIllegal(() -> alice.offerEnded(RingResult.NO_ANSWER, at(2)), "agent alice cannot go from AVAILABLE to NOT_READY");
        alice.notReady("break", at(2));
        assertIllegal(() -> alice.offered(CALLER, "support", at(3)), "agent alice cannot go from NOT_READY to RESERVED");
        assertIllegal(() -> alice.wrapUpOver(at(3)), "agent alice cannot go from NOT_READY to AVAILABLE");

        assertEquals(NOT_READY, alice.state(), "a refused move changes nothing");
        assertEquals(Optional.of("break"), alice.notReadyReason());
    }

    @Test
    void aNotReadyReasonIsRequired() {
        alice.phoneRegistered(at(0));

        assertThrows(IllegalArgumentException.class, () -> alice.notReady(" ", at(1)));
        assertEquals(AVAILABLE, alice.state());
    }

    @Test
    void anOfferWithdrawnByTheQueueGivesBackTheAgentsPlaceInLine() {
        alice.phoneRegistered(at(0));
        alice.offered(CALLER, "support", at(30));
        alice.offerEnded(RingResult.CANCELLED, at(35));

        assertEquals(AVAILABLE, alice.state());
        assertEquals(at(0), alice.availableSince());
        assertEquals(0, alice.missed());
    }

    @Test
    void missedOffersLeaveTheAgentNotReadyWithWhy() {
        alice.phoneRegistered(at(0));
        List<String> reasons = new ArrayList<>();
        for (RingResult missed : List.of(RingResult.NO_ANSWER, RingResult.BUSY, RingResult.DECLINED, RingResult.FAILED)) {
            alice.offered(CALLER, "support", at(1));
            alice.offerEnded(missed, at(2));
            assertEquals(NOT_READY, alice.state());
            reasons.add(alice.notReadyReason().orElseThrow());
            alice.ready(at(3));
        }

        assertEquals(List.of("RONA", "busy", "declined", "unreachable"), reasons);
        assertEquals(4, alice.missed());
    }

    @Test
    void notReadyAskedForDuringACallTakesEffectAfterWrapUp() {
        alice.phoneRegistered(at(0));
        alice.offered(CALLER, "support", at(1));
        alice.answered(at(2));
        alice.notReady("lunch", at(3));
        assertEquals(ON_CALL, alice.state());
        alice.callEnded(at(4));
        assertEquals(WRAP_UP, alice.state());
        alice.wrapUpOver(at(34));

        assertEquals(NOT_READY, alice.state());
        assertEquals(Optional.of("lunch"), alice.notReadyReason());
    }

    @Test
    void readyDuringACallCallsOffAnEarlierNotReady() {
        alice.phoneRegistered(at(0));
        alice.offered(CALLER, "support", at(1));
        alice.notReady("lunch", at(2));
        alice.answered(at(3));
        alice.ready(at(4));
        alice.callEnded(at(5));
        alice.wrapUpOver(at(35));

        assertEquals(AVAILABLE, alice.state());
    }

    @Test
    void notReadyAskedForWhileRingingFollowsAWithdrawnOffer() {
        alice.phoneRegistered(at(0));
        alice.offered(CALLER, "support", at(1));
        alice.notReady("lunch", at(2));
        alice.offerEnded(RingResult.CANCELLED, at(3));

        assertEquals(NOT_READY, alice.state());
        assertEquals(Optional.of("lunch"), alice.notReadyReason());
    }

    @Test
    void readyOrNotReadyInWrapUpEndsItAtOnce() {
        alice.phoneRegistered(at(0));
        alice.offered(CALLER, "support", at(1));
        alice.answered(at(1));
        alice.callEnded(at(11));
        alice.ready(at(13));

        assertEquals(AVAILABLE, alice.state());
        assertEquals(List.of(Duration.ofSeconds(12)), handleTimes);
    }

    @Test
    void logoutWhileRingingWaitsForTheOfferToEnd() {
        alice.phoneRegistered(at(0));
        alice.offered(CALLER, "support", at(1));
        alice.phoneUnregistered(at(2));
        assertEquals(RESERVED, alice.state());
        alice.offerEnded(RingResult.NO_ANSWER, at(16));

        assertEquals(LOGGED_OUT, alice.state());
        assertEquals(1, alice.missed());
    }

    @Test
    void logoutDuringACallWaitsForTheCallToEndAndSkipsWrapUp() {
        alice.phoneRegistered(at(0));
        alice.offered(CALLER, "support", at(1));
        alice.answered(at(2));
        alice.phoneUnregistered(at(3));
        assertEquals(ON_CALL, alice.state());
        alice.callEnded(at(62));

        assertEquals(LOGGED_OUT, alice.state());
        assertEquals(List.of(Duration.ofSeconds(60)), handleTimes);
        assertEquals(Optional.empty(), alice.caller());
    }

    @Test
    void aPhoneRegisteringAgainDuringACallCallsOffTheLogout() {
        alice.phoneRegistered(at(0));
        alice.offered(CALLER, "support", at(1));
        alice.answered(at(2));
        alice.phoneUnregistered(at(3));
        alice.phoneRegistered(at(4));
        alice.callEnded(at(5));

        assertEquals(WRAP_UP, alice.state());
    }

    @Test
    void registrationRefreshesAndRepeatedUnregistrationsAreNoMoves() {
        alice.phoneRegistered(at(0));
        alice.phoneRegistered(at(60));
        assertEquals(at(0), alice.availableSince());
        alice.phoneUnregistered(at(120));
        alice.phoneUnregistered(at(121));

        assertEquals(List.of(AVAILABLE, LOGGED_OUT), moves.stream().map(AgentEvent::to).toList());
    }

    @Test
    void aNewReasonWhileNotReadyIsReportedAsAMove() {
        alice.phoneRegistered(at(0));
        alice.notReady("break", at(1));
        alice.notReady("training", at(2));

        assertEquals(new AgentEvent("alice", NOT_READY, NOT_READY, Optional.of("training"), Optional.empty(), at(2)), moves.get(2));
    }

    private static void assertIllegal(Executable move, String message) {
        IllegalStateException thrown = assertThrows(IllegalStateException.class, move);
        assertEquals(message, thrown.getMessage());
    }
}
