package org.popline.sip.call;

import java.time.Instant;

/** What the admin view shows of a call, live or ended. */
public record CallSummary(String callId, String ani, String state, Instant startedAt, long durationMillis,
        long talkMillis, String digits, String endReason) {

    static CallSummary of(InboundCall call, String endReason) {
        return new CallSummary(call.callId(), call.ani(), call.state().name(), call.startedAt(), call.age().toMillis(),
                call.talkTime().toMillis(), call.digitsPressed(), endReason);
    }
}
