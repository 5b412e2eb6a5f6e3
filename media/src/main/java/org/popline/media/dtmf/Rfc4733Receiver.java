package org.popline.media.dtmf;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.popline.media.rtp.RtpPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns inbound RFC 4733 telephone-event packets into key presses, one per press.
 *
 * <p>An event is identified by its SSRC and RTP timestamp (RFC 4733 section 2.5.2), not by
 * the marker bit, which is lost with the first packet: a timestamp not seen before is a new
 * press, however its packets arrive (start packets lost, end packets only, reordered). The
 * digit is delivered on that first packet rather than on the end packet, so a prompt stops
 * the moment the key goes down; the end (E bit) is reported separately, with the duration.
 * Timestamps of recent events are remembered, so the three copies of the end packet, late
 * packets of a finished event and byte-identical replays of a whole event are all dropped.
 * A new SSRC is a new stream and starts afresh.
 *
 * <p>Assumes telephone-event/8000, the rate negotiated next to G.711. Not thread-safe:
 * one stream is fed by one thread (the media receive thread).
 */
public final class Rfc4733Receiver {

    private static final Logger log = LoggerFactory.getLogger(Rfc4733Receiver.class);

    static final int SAMPLES_PER_MILLI = 8;
    private static final int PAYLOAD_LENGTH = 4;
    private static final long TIMESTAMP_MASK = 0xFFFFFFFFL;
    private static final int MAX_DURATION = 0xFFFF;
    /** Section 2.5.1.3: a held key outlasting the 16-bit duration goes on under a new timestamp. */
    private static final int SEGMENT_SLACK = 1600;
    /** Events remembered per stream; far more than can be in flight or replayed in a burst. */
    private static final int REMEMBERED_EVENTS = 64;

    private final int payloadType;
    private final DtmfListener listener;
    private final long[] recentTimestamps = new long[REMEMBERED_EVENTS];
    private int recentCount;
    private int recentNext;

    private boolean haveStream;
    private long ssrc;

    private DtmfDigit current;
    private long currentTimestamp;
    private int currentDuration;
    private int earlierSegmentsMillis;
    private boolean currentEnded;

    public Rfc4733Receiver(int payloadType, DtmfListener listener) {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type out of range 0-127: " + payloadType);
        }
        if (listener == null) {
            throw new IllegalArgumentException("listener is required");
        }
        this.payloadType = payloadType;
        this.listener = listener;
    }

    public int payloadType() {
        return payloadType;
    }

    /** Takes any inbound packet; those of another payload type, or too short, are ignored. */
    public void onPacket(RtpPacket packet) {
        if (packet.payloadType() != payloadType || packet.payloadLength() < PAYLOAD_LENGTH) {
            return;
        }
        if (!haveStream || packet.ssrc() != ssrc) {
            startStream(packet.ssrc());
        }
        ByteBuffer payload = packet.payload();
        int event = payload.get(0) & 0xFF;
        boolean end = (payload.get(1) & 0x80) != 0;
        int duration = payload.getShort(2) & 0xFFFF;
        long timestamp = packet.timestamp();
        if (current != null && timestamp == currentTimestamp) {
            update(duration, end);
        } else if (!remembered(timestamp)) {
            remember(timestamp);
            Optional<Character> digit = DtmfDigit.forEvent(event);
            if (digit.isEmpty()) {
                return;
            }
            if (continuesHeldKey(digit.get(), timestamp)) {
                earlierSegmentsMillis += millis(currentDuration);
                currentTimestamp = timestamp;
                currentDuration = 0;
                update(duration, end);
                return;
            }
            begin(digit.get(), timestamp, duration, end);
        }
    }

    private void startStream(long newSsrc) {
        if (haveStream) {
            log.debug("Telephone-event SSRC changed from {} to {}; new stream", ssrc, newSsrc);
        }
        finishUnended();
        haveStream = true;
        ssrc = newSsrc;
        recentCount = 0;
        recentNext = 0;
        current = null;
    }

    private void begin(char digit, long timestamp, int duration, boolean end) {
        finishUnended();
        current = new DtmfDigit(digit, millis(duration), DtmfDigit.Source.RFC4733);
        currentTimestamp = timestamp;
        currentDuration = duration;
        earlierSegmentsMillis = 0;
        currentEnded = false;
        log.debug("RFC 4733 key (SSRC {}, timestamp {})", ssrc, timestamp);
        listener.onDigit(current);
        update(duration, end);
    }

    private void update(int duration, boolean end) {
        if (currentEnded) {
            return;
        }
        currentDuration = Math.max(currentDuration, duration);
        if (end) {
            currentEnded = true;
            listener.onDigitEnd(current.withDuration(totalMillis()));
        }
    }

    /** A press whose end packets were all lost is over once another press or stream begins. */
    private void finishUnended() {
        if (current != null && !currentEnded) {
            currentEnded = true;
            listener.onDigitEnd(current.withDuration(totalMillis()));
        }
    }

    private boolean continuesHeldKey(char digit, long timestamp) {
        if (current == null || currentEnded || current.digit() != digit
                || currentDuration < MAX_DURATION - SEGMENT_SLACK) {
            return false;
        }
        long gap = (timestamp - currentTimestamp) & TIMESTAMP_MASK;
        return gap <= MAX_DURATION + SEGMENT_SLACK;
    }

    private int totalMillis() {
        return earlierSegmentsMillis + millis(currentDuration);
    }

    private static int millis(int samples) {
        return samples / SAMPLES_PER_MILLI;
    }

    private boolean remembered(long timestamp) {
        for (int i = 0; i < recentCount; i++) {
            if (recentTimestamps[i] == timestamp) {
                return true;
            }
        }
        return false;
    }

    private void remember(long timestamp) {
        recentTimestamps[recentNext] = timestamp;
        recentNext = (recentNext + 1) % REMEMBERED_EVENTS;
        recentCount = Math.min(recentCount + 1, REMEMBERED_EVENTS);
    }
}
