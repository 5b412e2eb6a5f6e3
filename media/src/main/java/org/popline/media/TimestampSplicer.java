package org.popline.media;

/**
 * Maps the RTP timestamps of one relayed stream (the other leg's inbound RTP) onto the
 * timeline of this leg's outgoing stream.
 *
 * <p>Normally the mapping is a fixed offset, so the relayed packets keep the spacing their
 * sender gave them: that is the sender's sampling clock, which the far end's jitter buffer
 * needs, not our arrival times. The offset is chosen again ("rebased", to where this leg's
 * stream stands now) on the first packet, when the sender's SSRC changes, and when the
 * sender's timestamps and the wall clock disagree by more than a jitter buffer could absorb,
 * for example a peer that does not advance its timestamp while it sends nothing.
 * A rebase and a pause in the sender's audio each start a new talkspurt: marker bit.
 *
 * <p>Not thread-safe; used under the outgoing session's send lock.
 */
final class TimestampSplicer {

    /** 100 ms of 8 kHz samples: more disagreement than this is a new timeline, not jitter. */
    static final int RESYNC_SAMPLES = 800;

    /** Silence longer than this ends a talkspurt even when the sender does not say so. */
    static final long PAUSE_NANOS = 100_000_000L;

    private static final long TIMESTAMP_MASK = 0xFFFFFFFFL;
    private static final long SAMPLES_PER_SECOND = 8000;

    private boolean started;
    private long ssrc;
    private long offset;
    private boolean heardAudio;
    private long lastAudioTimestamp;
    private long lastAudioNanos;
    private boolean marker;

    /**
     * @param audio        false for RFC 4733 events: one event's packets all carry its start
     *                     timestamp however long it lasts, so they say nothing about the wall clock
     * @param nowNanos     {@link System#nanoTime()} when the packet arrived
     * @param streamNow    the outgoing stream's timestamp for now, never before anything it sent
     * @return the timestamp to send the packet with
     */
    long map(long sourceSsrc, long sourceTimestamp, boolean sourceMarker, boolean audio, long nowNanos,
             long streamNow) {
        boolean rebase = !started || sourceSsrc != ssrc
                || (audio && heardAudio && offWallClock(sourceTimestamp, nowNanos));
        boolean paused = audio && heardAudio && nowNanos - lastAudioNanos > PAUSE_NANOS;
        if (rebase) {
            offset = streamNow - sourceTimestamp;
            ssrc = sourceSsrc;
            started = true;
            heardAudio = false;
        }
        if (audio) {
            heardAudio = true;
            lastAudioTimestamp = sourceTimestamp;
            lastAudioNanos = nowNanos;
        }
        marker = sourceMarker || rebase || paused;
        return (sourceTimestamp + offset) & TIMESTAMP_MASK;
    }

    /** Whether the packet last mapped starts a talkspurt (or an event, when its sender said so). */
    boolean marker() {
        return marker;
    }

    private boolean offWallClock(long sourceTimestamp, long nowNanos) {
        long expected = lastAudioTimestamp + (nowNanos - lastAudioNanos) * SAMPLES_PER_SECOND / 1_000_000_000L;
        int drift = (int) (sourceTimestamp - expected);
        return Math.abs((long) drift) > RESYNC_SAMPLES;
    }
}
