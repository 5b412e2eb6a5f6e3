package org.popline.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import org.popline.media.rtp.RtpPacketizer;

/**
 * The sending side of a test's far end: its own SSRC, sequence and timestamps, one
 * packet per 20 ms tick on absolute deadlines, like a real phone.
 */
final class PacedSender {

    private final RtpTestPeer peer;
    private final int port;
    private final RtpPacketizer packetizer;
    private long nextDeadline = System.nanoTime();

    PacedSender(RtpTestPeer peer, int port, long ssrc, int sequence, long timestamp) {
        this.peer = peer;
        this.port = port;
        this.packetizer = new RtpPacketizer(ssrc, sequence, timestamp);
    }

    long ssrc() {
        return packetizer.ssrc();
    }

    long timestamp() {
        return packetizer.timestamp();
    }

    /** Sends one 20 ms frame at the next tick and moves the timestamp on; returns when it was sent. */
    long sendAudio(int payloadType, byte[] payload, boolean marker) throws IOException {
        long sent = send(packetizer.timestamp(), payloadType, payload, marker);
        packetizer.advance(payload.length);
        return sent;
    }

    /** Sends an RFC 4733 packet at the next tick, stamped with its event's start. */
    long sendEvent(int payloadType, long eventTimestamp, byte[] payload, boolean marker) throws IOException {
        long sent = send(eventTimestamp, payloadType, payload, marker);
        packetizer.advance(160);
        return sent;
    }

    /** Sends nothing for {@code ticks} ticks; the timestamp follows wall time only if asked. */
    void pause(int ticks, boolean advanceTimestamp) {
        nextDeadline += ticks * MediaClock.PERIOD_NANOS;
        if (advanceTimestamp) {
            packetizer.advance(ticks * 160);
        }
    }

    private long send(long timestamp, int payloadType, byte[] payload, boolean marker) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(12 + payload.length);
        packetizer.writeAt(out, timestamp, payloadType, payload, 0, payload.length, marker);
        LockSupport.parkNanos(nextDeadline - System.nanoTime());
        nextDeadline += MediaClock.PERIOD_NANOS;
        long now = System.nanoTime();
        peer.send(Arrays.copyOf(out.array(), out.position()), port);
        return now;
    }
}
