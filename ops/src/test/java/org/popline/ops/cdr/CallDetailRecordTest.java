package org.popline.ops.cdr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.popline.sip.call.EndedBy;
import org.popline.sip.call.EndedCall;

class CallDetailRecordTest {
    private static final Instant NOON = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void queueWaitAndTalkTimeComeFromTheQueueStay() {
        CallDetailRecord r = CdrWriterTest.record("c", NOON);
        assertEquals(60.0, r.durationSeconds());
        assertEquals(15.0, r.queueWaitSeconds(), "from joining the queue to the agent answering");
        assertEquals(35.0, r.agentTalkSeconds(), "from the agent answering to the end of the call");
        assertEquals("agent1", r.agent());
        assertEquals("Michael Brown", r.customerName());
        assertEquals("CAS-01025", r.caseNumber());
        assertEquals("caller", r.endedBy());
    }

    @Test
    void aCallerStillQueuedWaitedUntilTheEndAndTalkedToNobody() {
        EndedCall call = new EndedCall("c", "", NOON.minusSeconds(30), Optional.empty(), NOON, "",
                Optional.of(new EndedCall.QueueStay("support", NOON.minusSeconds(20), Optional.empty(), Optional.empty())),
                EndedBy.CALLER, "caller hung up");
        CallDetailRecord r = CallDetailRecord.of(call, Optional.empty());
        assertEquals(20.0, r.queueWaitSeconds());
        assertNull(r.agent());
        assertNull(r.agentTalkSeconds());
        assertNull(r.answeredAt());
        assertNull(r.flow(), "no flow report: the call never reached its flow");
        assertEquals(List.of(), r.path());
    }
}
