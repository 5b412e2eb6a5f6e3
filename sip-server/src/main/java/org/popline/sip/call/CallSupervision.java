package org.popline.sip.call;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.popline.sip.sdp.Direction;
import org.popline.sip.sdp.MediaParams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timers that end calls nobody ends: a 200 OK never ACKed, a call past its maximum duration,
 * and a caller whose RTP stopped (checked every second; not while on hold, when silence is expected).
 */
final class CallSupervision {
    private static final Logger log = LoggerFactory.getLogger(CallSupervision.class);

    private final ScheduledExecutorService timers;
    private final Duration noAckTimeout;
    private final Duration maxDuration;
    private final Duration rtpTimeout;
    private final LiveCalls calls;
    private final CallEnder ender;

    CallSupervision(ScheduledExecutorService timers, Duration noAckTimeout, Duration maxDuration, Duration rtpTimeout,
            LiveCalls calls, CallEnder ender) {
        this.timers = timers;
        this.noAckTimeout = noAckTimeout;
        this.maxDuration = maxDuration;
        this.rtpTimeout = rtpTimeout;
        this.calls = calls;
        this.ender = ender;
        timers.scheduleWithFixedDelay(this::endSilentCalls, 1, 1, TimeUnit.SECONDS);
    }

    /** After our 200 OK: the call ends unless the ACK comes in time. */
    void awaitAck(InboundCall call) {
        call.addTimer(timers.schedule(CallLog.wrap(call.callId(), call.ani(), () -> noAck(call)),
                noAckTimeout.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** After the ACK: the call ends at the maximum duration. */
    void limitDuration(InboundCall call) {
        call.addTimer(timers.schedule(CallLog.wrap(call.callId(), call.ani(),
                () -> ender.hangUp(call, EndedBy.TIMEOUT, "maximum duration reached")),
                maxDuration.toMillis(), TimeUnit.MILLISECONDS));
    }

    private void noAck(InboundCall call) {
        if (call.state() == CallState.ANSWERED) {
            log.warn("no ACK within {} s", noAckTimeout.toSeconds());
            ender.hangUp(call, EndedBy.TIMEOUT, "no ACK");
        }
    }

    private void endSilentCalls() {
        try {
            endCallsSilentSince(System.nanoTime());
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again: RTP supervision would stop for good.
            log.error("RTP timeout check failed", e);
        }
    }

    private void endCallsSilentSince(long now) {
        long limit = rtpTimeout.toNanos();
        for (InboundCall call : calls.all()) {
            MediaParams p = call.mediaParams();
            if (call.state() != CallState.CONFIRMED || p == null || p.direction() != Direction.SENDRECV) {
                continue;
            }
            long last = Math.max(call.media().lastReceivedNanos(), call.rtpWatchFrom());
            if (now - last > limit) {
                CallLog.enter(call.callId(), call.ani());
                try {
                    log.warn("no RTP from the caller for {} s", rtpTimeout.toSeconds());
                    ender.hangUp(call, EndedBy.TIMEOUT, "RTP timeout");
                } finally {
                    CallLog.leave();
                }
            }
        }
    }
}
