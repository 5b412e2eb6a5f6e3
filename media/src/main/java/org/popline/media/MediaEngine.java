package org.popline.media;

import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.popline.media.rtp.RtpPacketizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the RTP port range, the media clock threads and the receive thread, and opens
 * one {@link RtpSession} per call on top of them.
 */
public final class MediaEngine implements AutoCloseable {

    /** For the constructor's {@code realtimePriority}: the clock threads keep the normal priority. */
    public static final int NORMAL_PRIORITY = MediaClock.NORMAL_PRIORITY;

    /** In-sequence packets a source other than the SDP's must send before it is taken (Asterisk's {@code probation}). */
    public static final int DEFAULT_STRICT_RTP_PROBATION = 4;

    private static final Logger log = LoggerFactory.getLogger(MediaEngine.class);

    private final InetAddress bindAddress;
    private final PortPool ports;
    private final MediaClock clock;
    private final RtpReceiver receiver;
    private final int strictRtpProbation;
    private final LongAdder foreignPackets = new LongAdder();
    private final SecureRandom random = new SecureRandom();
    private final Map<Integer, RtpSession> sessions = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** With {@link #defaultClockThreads()} media clock threads at normal priority. */
    public MediaEngine(InetAddress bindAddress, int portMin, int portMax) {
        this(bindAddress, portMin, portMax, defaultClockThreads(), NORMAL_PRIORITY);
    }

    /**
     * One clock thread per core. Measured with SIPp holding 1000 callers in the IVR on 2 cores
     * (bench/load.sh): sending costs about 14 µs of CPU per packet there, so one thread pacing
     * 1000 streams is busy 70 % of each 20 ms and every hiccup makes frames late (send-interval
     * p99 about 9 ms); two real-time threads, each on its own core, halved that (p99 3-4.5 ms).
     */
    public static int defaultClockThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * @param clockThreads     threads that pace the outgoing streams, each sending for its share of
     *                         the sessions; more than the cores only adds contention
     * @param realtimePriority SCHED_RR priority (1-99) the clock threads ask for, or
     *                         {@link #NORMAL_PRIORITY}; see {@link RealtimeScheduling}
     */
    public MediaEngine(InetAddress bindAddress, int portMin, int portMax, int clockThreads, int realtimePriority) {
        this(bindAddress, portMin, portMax, clockThreads, realtimePriority, DEFAULT_STRICT_RTP_PROBATION);
    }

    /**
     * @param strictRtpProbation consecutive in-sequence packets a source other than the address the SDP
     *                           names must send before a session takes its media (see {@link StrictRtpSource})
     */
    public MediaEngine(InetAddress bindAddress, int portMin, int portMax, int clockThreads, int realtimePriority,
                       int strictRtpProbation) {
        if (strictRtpProbation < 1) {
            throw new IllegalArgumentException("strict RTP probation must be at least 1 packet: " + strictRtpProbation);
        }
        this.bindAddress = bindAddress;
        this.strictRtpProbation = strictRtpProbation;
        this.ports = new PortPool(bindAddress, portMin, portMax, random);
        this.clock = new MediaClock(clockThreads, realtimePriority);
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
        RtpSession session = new RtpSession(callId, pair, bindAddress, clock, receiver, packetizer,
                new StrictRtpSource(strictRtpProbation), foreignPackets, () -> {
            sessions.remove(port);
            receiver.close(() -> ports.release(port), pair.rtp(), pair.rtcp());
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

    /** RTP and RTCP packets every session dropped for their source (see {@link RtpSession#foreignPackets()}). */
    public long foreignPackets() {
        return foreignPackets.sum();
    }

    /** Inbound datagrams whose handling threw instead of being read or rejected; 0 unless a parser has a bug. */
    public long receiveFailures() {
        return receiver.handlerFailures();
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
