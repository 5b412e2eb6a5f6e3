package org.popline.media;

import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.popline.media.rtp.RtpPacketizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the RTP port range, the media clock threads and the receive thread, and opens
 * one {@link RtpSession} per call on top of them.
 */
public final class MediaEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MediaEngine.class);

    private final InetAddress bindAddress;
    private final PortPool ports;
    private final MediaClock clock;
    private final RtpReceiver receiver;
    private final SecureRandom random = new SecureRandom();
    private final Map<Integer, RtpSession> sessions = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** With {@link #defaultClockThreads()} media clock threads. */
    public MediaEngine(InetAddress bindAddress, int portMin, int portMax) {
        this(bindAddress, portMin, portMax, defaultClockThreads());
    }

    /**
     * One clock thread fewer than there are cores: the receive thread handles about as many packets
     * as the clock threads send, and the capacity benchmark on 2 cores measured two clock threads
     * doing worse than one (they and the receiver oversubscribed the machine).
     */
    public static int defaultClockThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    /**
     * @param clockThreads threads that pace the outgoing streams, each sending for its share of
     *                     the sessions; more than the cores only adds contention
     */
    public MediaEngine(InetAddress bindAddress, int portMin, int portMax, int clockThreads) {
        this.bindAddress = bindAddress;
        this.ports = new PortPool(bindAddress, portMin, portMax);
        this.clock = new MediaClock(clockThreads);
        this.receiver = new RtpReceiver();
        clock.start();
        receiver.start();
        log.info("Media engine on {} ports {}-{}, {} clock threads", bindAddress.getHostAddress(), portMin, portMax,
                clockThreads);
    }

    public RtpSession openSession(String callId) throws IOException {
        if (closed) {
            throw new IllegalStateException("media engine is closed");
        }
        PortPool.BoundPair pair = ports.allocate();
        int port = pair.rtpPort();
        RtpPacketizer packetizer;
        synchronized (random) {
            packetizer = RtpPacketizer.random(random);
        }
        RtpSession session = new RtpSession(callId, pair, bindAddress, clock, receiver, packetizer, () -> {
            sessions.remove(port);
            ports.release(port);
        });
        sessions.put(port, session);
        log.debug("RTP {} opened on port {}", callId, port);
        return session;
    }

    public int openSessionCount() {
        return sessions.size();
    }

    public Set<Integer> openPorts() {
        return Set.copyOf(sessions.keySet());
    }

    /** 20 ms ticks the clock threads skipped because they fell behind (GC pause, suspended machine), summed over the threads. */
    public long lateTicks() {
        return clock.lateTicks();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (RtpSession session : List.copyOf(sessions.values())) {
            session.close();
        }
        clock.close();
        receiver.close();
        log.info("Media engine stopped");
    }
}
