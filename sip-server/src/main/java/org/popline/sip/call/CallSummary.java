package org.popline.sip.call;

import java.time.Instant;
import org.popline.media.StreamQuality;

/** What the admin view shows of a call, live or ended; {@code audio} is what RTCP told of its quality. */
public record CallSummary(String callId, String ani, String state, Instant startedAt, long durationMillis,
        long talkMillis, String digits, StreamQuality audio, String endReason) {

    static CallSummary of(InboundCall call, String endReason) {
        return new CallSummary(call.callId(), call.ani(), call.state().name(), call.startedAt(), call.age().toMillis(),
                call.talkTime().toMillis(), call.digitsPressed(), call.media().quality(), endReason);
    }
}
