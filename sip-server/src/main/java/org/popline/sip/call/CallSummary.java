package org.popline.sip.call;

import java.time.Instant;
import org.popline.ivr.ScreenPop;
import org.popline.media.StreamQuality;

/** What the admin view shows of a call, live or ended; {@code queue} is where the flow queued it, {@code screenPop} the last page popped for its agent, {@code audio} what RTCP told of its quality. */
public record CallSummary(String callId, String ani, String state, Instant startedAt, long durationMillis,
        long talkMillis, String digits, String queue, ScreenPop screenPop, StreamQuality audio, String endReason) {

    static CallSummary of(InboundCall call, String endReason) {
        return new CallSummary(call.callId(), call.ani(), call.state().name(), call.startedAt(), call.age().toMillis(),
                call.talkTime().toMillis(), call.digitsPressed(), call.queueName(), call.lastScreenPop(), call.media().quality(), endReason);
    }
}
