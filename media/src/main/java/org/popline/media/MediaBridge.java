package org.popline.media;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects two calls' media, for example a waiting caller and the agent who took the call:
 * what each peer sends goes out to the other, on the other leg's own RTP stream (its SSRC,
 * its next sequence numbers, timestamps continuing its timeline), transcoded between PCMU and
 * PCMA where the legs differ. RFC 4733 events are relayed with the other leg's payload type.
 *
 * <p>Packets are relayed on the receive thread the moment they arrive, not queued for the
 * other leg's next clock tick. Queuing would add up to 20 ms to every packet, and since the
 * peer's sender clock and ours never run at exactly the same rate, a queue would slowly fill
 * or run dry and need its own drop-or-repeat policy; relaying directly adds only a send, lets
 * the far end's jitter buffer deal with the sender's jitter as it would in a direct call, and
 * passes events on with their original spacing. So that the two never interleave, a bridged
 * leg's clock stops sending, keeping only its timestamp on wall time for the relay to
 * rebase on (see {@link TimestampSplicer}).
 *
 * <p>What either leg played stops when the bridge opens. On {@link #close()} each leg goes back
 * to its own paced stream (silence unless something plays); a play started while bridged is
 * heard only then. Closing either session closes the bridge.
 */
public final class MediaBridge implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MediaBridge.class);

    private final RtpSession a;
    private final RtpSession b;
    private final Relay aToB;
    private final Relay bToA;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MediaBridge(RtpSession a, RtpSession b) {
        this.a = a;
        this.b = b;
        this.aToB = new Relay(a, b, this::close);
        this.bToA = new Relay(b, a, this::close);
    }

    /**
     * Bridges two started sessions that are not bridged already.
     *
     * @throws IllegalStateException if either is closed, not started or already in a bridge
     */
    public static MediaBridge open(RtpSession a, RtpSession b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a == b) {
            throw new IllegalArgumentException("cannot bridge session " + a.callId() + " to itself");
        }
        for (RtpSession session : new RtpSession[] {a, b}) {
            if (session.isClosed()) {
                throw new IllegalStateException("session " + session.callId() + " is closed");
            }
        }
        MediaBridge bridge = new MediaBridge(a, b);
        a.bridge(bridge.aToB);
        try {
            b.bridge(bridge.bToA);
        } catch (RuntimeException e) {
            a.unbridge(bridge.aToB);
            throw e;
        }
        if (bridge.isClosed()) {
            // A session closed while opening, and close() ran before b was held: let go again.
            a.unbridge(bridge.aToB);
            b.unbridge(bridge.bToA);
        }
        log.info("Bridged {} ({}) and {} ({})", a.callId(), a.codec(), b.callId(), b.codec());
        return bridge;
    }

    public RtpSession a() {
        return a;
    }

    public RtpSession b() {
        return b;
    }

    /** Packets relayed, both directions together. */
    public long packetsRelayed() {
        return aToB.relayed() + bToA.relayed();
    }

    /** Packets not relayed: late, of an unnegotiated payload type, or while the receiving peer is on hold. */
    public long packetsDropped() {
        return aToB.dropped() + bToA.dropped();
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        a.unbridge(aToB);
        b.unbridge(bToA);
        log.info("Unbridged {} and {}: relayed {}, dropped {}", a.callId(), b.callId(),
                packetsRelayed(), packetsDropped());
    }
}
