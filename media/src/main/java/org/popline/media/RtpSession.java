package org.popline.media;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.popline.media.codec.Codec;
import org.popline.media.dtmf.DtmfListener;
import org.popline.media.dtmf.InboundDtmf;
import org.popline.media.dtmf.Rfc4733Sender;
import org.popline.media.rtp.RtpPacket;
import org.popline.media.rtp.RtpPacketizer;
import org.popline.media.source.AudioSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media of one call: one RTP port pair, one outgoing stream paced by the shared
 * {@link MediaClock}, and the inbound packets read by the shared receive thread.
 *
 * <p>Once started, a frame goes out every 20 ms for the life of the session; when
 * nothing plays it is silence, so NAT bindings and the peer's jitter buffer stay warm.
 *
 * <p>While a {@link MediaBridge} holds the session, its inbound RTP goes to the bridge and
 * the clock stops sending: the bridge relays the other leg's packets out instead, with
 * this session's SSRC and sequence numbers.
 *
 * <p>Inbound RTP is taken from one source only, chosen by {@link StrictRtpSource}: the address the
 * SDP names, or a NAT source once it has sent enough packets in sequence. Packets from any other
 * source are dropped and counted before anything reads them: they are not heard, bridged, taken as
 * key presses, nor do they keep the call from timing out.
 */
public final class RtpSession implements AutoCloseable {

    static final int FRAME_SAMPLES = 160;

    /** For {@link #start(InetSocketAddress, Codec, int)}: the peer did not negotiate telephone-event. */
    public static final int NO_TELEPHONE_EVENT = -1;

    /** Where a bridged session's inbound RTP goes; called on the receive thread, must not block. */
    interface Inbound {
        /** The packet is a view of the receive buffer, valid only during the call. */
        void onRtp(RtpPacket packet);

        void onClosed();
    }

    private static final long TIMESTAMP_MASK = 0xFFFFFFFFL;
    private static final int MAX_PACKET = 1500;

    private static final Logger log = LoggerFactory.getLogger(RtpSession.class);

    private final String callId;
    /** The Call-ID as log lines show it: the peer chose it, so it is cut short. */
    private final String logId;
    private final PortPool.BoundPair ports;
    private final InetAddress localAddress;
    private final MediaClock clock;
    private final RtpReceiver receiver;
    private final Runnable onClose;
    private final RtpPacketizer packetizer;
    private final MediaClock.Listener ticker = this::sendFrame;
    private final RtpReceiver.Handler handler = this::onDatagram;
    private final AtomicReference<Playback> playback = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicReference<Inbound> bridge = new AtomicReference<>();

    // The outgoing stream: written by the clock thread and, while bridged, by the receive
    // thread, so always under sendLock; the two never interleave their packets.
    private final Object sendLock = new Object();
    private final byte[] frame = new byte[FRAME_SAMPLES];
    private final ByteBuffer relayPacket = ByteBuffer.allocateDirect(MAX_PACKET);
    private boolean firstPacket = true;
    private boolean relaying;
    private long relayedEnd;
    private volatile boolean sending = true;
    private volatile long packetsSent;
    private volatile long sendFailures;

    // Written by the receive thread only; read by any.
    private volatile long packetsReceived;
    private volatile long lastReceivedNanos;
    private volatile long ignoredDatagrams;
    private volatile long foreignPackets;
    private final StrictRtpSource sources;
    private final LongAdder foreignTotal;
    private volatile InboundDtmf dtmf;
    private final RtcpReporter rtcp;
    private volatile long octetsSent;

    // Digits waiting to be sent as RFC 4733 events, and the one being sent (clock thread only).
    private final Queue<Rfc4733Sender> digitsToSend = new ConcurrentLinkedQueue<>();
    private Rfc4733Sender sendingDigit;
    private long digitTimestamp;
    private final byte[] eventPayload = new byte[4];
    private final ByteBuffer eventBuffer = ByteBuffer.wrap(eventPayload);

    private final Object targetLock = new Object();
    private volatile Codec codec;
    private volatile int telephoneEventPayloadType = NO_TELEPHONE_EVENT;
    private volatile SocketAddress target;

    /**
     * @param foreignTotal counts, with every other session's, the packets dropped for their source
     * @param onClose      runs once, on close: closes {@code ports} and gives them back
     */
    RtpSession(String callId, PortPool.BoundPair ports, InetAddress localAddress, MediaClock clock,
               RtpReceiver receiver, RtpPacketizer packetizer, StrictRtpSource sources, LongAdder foreignTotal,
               Runnable onClose) {
        this.callId = callId;
        this.logId = PeerText.printable(callId);
        this.sources = sources;
        this.foreignTotal = foreignTotal;
        this.ports = ports;
        this.localAddress = localAddress;
        this.clock = clock;
        this.receiver = receiver;
        this.packetizer = packetizer;
        this.onClose = onClose;
        this.rtcp = new RtcpReporter(logId, ports.rtcp(), packetizer.ssrc(), "popline@" + localAddress.getHostAddress(),
                sources, this::dropForeign);
        receiver.register(ports.rtp(), handler);
        receiver.register(ports.rtcp(), (datagram, source) -> {
            if (!closed.get()) {
                rtcp.onRtcp(datagram, source);
            }
        });
    }

    public String callId() {
        return callId;
    }

    public int localPort() {
        return ports.rtpPort();
    }

    public InetAddress localAddress() {
        return localAddress;
    }

    /**
     * Starts (or redirects, on a re-INVITE) the outgoing stream toward the address the SDP names,
     * from which media is then expected. While that address stays the same, a NAT source already
     * learnt from the peer's RTP keeps winning over it (symmetric RTP); a new address starts afresh.
     */
    public void start(InetSocketAddress remote, Codec codec) {
        start(remote, codec, NO_TELEPHONE_EVENT);
    }

    /**
     * As {@link #start(InetSocketAddress, Codec)}, with the payload type the peer negotiated for
     * RFC 4733 telephone-event, or {@link #NO_TELEPHONE_EVENT}. The peer sends with the same
     * codec and payload types that it receives.
     */
    public void start(InetSocketAddress remote, Codec codec, int telephoneEventPayloadType) {
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(codec, "codec");
        if (telephoneEventPayloadType != NO_TELEPHONE_EVENT
                && (telephoneEventPayloadType < 0 || telephoneEventPayloadType > 127
                || telephoneEventPayloadType == codec.payloadType())) {
            throw new IllegalArgumentException("bad telephone-event payload type " + telephoneEventPayloadType);
        }
        if (closed.get()) {
            throw new IllegalStateException("session " + callId + " is closed");
        }
        this.codec = codec;
        this.telephoneEventPayloadType = telephoneEventPayloadType;
        synchronized (targetLock) {
            if (sources.expect(remote)) {
                InetSocketAddress learnt = sources.learnt();
                this.target = learnt != null ? learnt : remote;
                rtcp.peerRtp((InetSocketAddress) target);
            }
        }
        clock.add(ticker);
        log.info("RTP {} started: port {} -> {} {}", logId, localPort(), remote, codec);
    }

    /**
     * Reports the caller's key presses to {@code listener} on the receive thread: RFC 4733 events
     * of the telephone-event payload type given to {@link #start}, and in-band tones if asked for.
     * Call again after a re-INVITE's {@code start}, as the payload type may have changed.
     */
    public void listenForDigits(boolean inband, DtmfListener listener) {
        Codec current = codec;
        if (current == null) {
            throw new IllegalStateException("session " + callId + " is not started");
        }
        dtmf = new InboundDtmf(telephoneEventPayloadType, current, inband, listener);
    }

    /**
     * Sends a key press as RFC 4733 events in place of audio for its duration (the audio that
     * plays resumes afterwards); presses queued together go out one after the other.
     */
    public void sendDigit(char digit, int durationMillis) {
        int payloadType = telephoneEventPayloadType;
        if (payloadType == NO_TELEPHONE_EVENT) {
            throw new IllegalStateException("session " + callId + " negotiated no telephone-event");
        }
        digitsToSend.add(new Rfc4733Sender(payloadType, digit, durationMillis));
    }

    /**
     * Plays {@code source} instead of whatever plays now; that earlier play's future completes.
     * While the session is bridged, the source waits: it is heard once the bridge closes.
     */
    public CompletableFuture<Void> play(AudioSource source) {
        return play(source, () -> { });
    }

    /**
     * As {@link #play(AudioSource)}, running {@code firstFrameSent} once the source's first audible
     * frame (not a {@link AudioSource#waiting() wait's} silence) has left the socket. It runs on the
     * media clock thread, so it must be quick and must not block.
     */
    public CompletableFuture<Void> play(AudioSource source, Runnable firstFrameSent) {
        Objects.requireNonNull(source, "source");
        Playback next = new Playback(source, Objects.requireNonNull(firstFrameSent, "firstFrameSent"));
        if (closed.get()) {
            next.finish();
            return next.done();
        }
        Playback previous = playback.getAndSet(next);
        if (previous != null) {
            previous.finish();
        }
        if (closed.get()) {
            stopPlayback();
        }
        return next.done();
    }

    /**
     * Stops or resumes sending, for hold (the peer's SDP says it will not receive from us).
     * What plays is paused, not skipped; the timestamp keeps following wall time and the first
     * packet after resuming carries the marker bit, as the start of a new talkspurt.
     */
    public void sending(boolean on) {
        if (sending != on) {
            sending = on;
            log.info("RTP {} sending {}", logId, on ? "resumed" : "paused");
        }
    }

    public boolean isSending() {
        return sending;
    }

    /** The codec of both directions; null before {@link #start}. */
    public Codec codec() {
        return codec;
    }

    /** The negotiated telephone-event payload type, or {@link #NO_TELEPHONE_EVENT}. */
    public int telephoneEventPayloadType() {
        return telephoneEventPayloadType;
    }

    public boolean isBridged() {
        return bridge.get() != null;
    }

    public void stopPlayback() {
        Playback previous = playback.getAndSet(null);
        if (previous != null) {
            previous.finish();
        }
    }

    public long packetsSent() {
        return packetsSent;
    }

    public long packetsReceived() {
        return packetsReceived;
    }

    /** Sends that failed (for example, the peer's port is unreachable); they never stop the stream. */
    public long sendFailures() {
        return sendFailures;
    }

    /** Inbound datagrams that were not RTP (STUN, RTCP, garbage). */
    public long ignoredDatagrams() {
        return ignoredDatagrams;
    }

    /** The call's audio quality as RTCP tells it, both ways. */
    public StreamQuality quality() {
        return rtcp.quality();
    }

    /**
     * Inbound RTP packets dropped because of where they came from: while a NAT source was on
     * probation, or from anyone but the source taken; and RTCP from another host than the peer's.
     */
    public long foreignPackets() {
        return foreignPackets;
    }

    /** {@link System#nanoTime()} of the last valid inbound RTP packet, 0 if none came. */
    public long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    /** Where RTP goes now: the signalled address, or the peer's source once learnt. */
    public InetSocketAddress remote() {
        return (InetSocketAddress) target;
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        clock.remove(ticker);
        stopPlayback();
        onClose.run();
        Inbound inbound = bridge.get();
        if (inbound != null) {
            inbound.onClosed();
        }
        log.info("RTP {} closed: port {}, sent {}, received {}, dropped from other sources {}", logId, localPort(),
                packetsSent, packetsReceived, foreignPackets);
    }

    /**
     * Hands the outgoing stream to a bridge: inbound RTP goes to {@code inbound}, the clock stops
     * sending and what played stops; {@link #sendRelayed} sends instead.
     */
    void bridge(Inbound inbound) {
        if (codec == null) {
            throw new IllegalStateException("session " + callId + " is not started");
        }
        if (!bridge.compareAndSet(null, inbound)) {
            throw new IllegalStateException("session " + callId + " is already bridged");
        }
        synchronized (sendLock) {
            relaying = true;
            relayedEnd = packetizer.timestamp();
        }
        stopPlayback();
        // close() may have looked for a bridge just before this one arrived.
        if (closed.get()) {
            inbound.onClosed();
        }
    }

    /** Gives the stream back to the clock; its first frame starts a new talkspurt. */
    void unbridge(Inbound inbound) {
        if (!bridge.compareAndSet(inbound, null)) {
            return;
        }
        synchronized (sendLock) {
            relaying = false;
            // The relayed timeline may have run ahead of the clock's (the other leg's sender
            // clock is a little fast, or a rebase): the clock must not step back into it.
            int ahead = (int) (relayedEnd - packetizer.timestamp());
            if (ahead > 0) {
                packetizer.advance(ahead);
            }
            firstPacket = true;
        }
    }

    /**
     * Sends one packet of the other leg's media, stamped by {@code splicer}.
     *
     * @param samples how far the packet moves the stream on: its audio's length, 0 for an event
     * @return false if not sent: the bridge has let go, or the peer is on hold
     */
    boolean sendRelayed(int payloadType, byte[] payload, int length, int samples, RtpPacket source,
                        TimestampSplicer splicer) {
        synchronized (sendLock) {
            if (!relaying || closed.get()) {
                return false;
            }
            if (!sending) {
                firstPacket = true;
                return false;
            }
            // While bridged the clock keeps packetizer.timestamp() on wall time (see sendFrame).
            long streamNow = later(packetizer.timestamp(), relayedEnd);
            long timestamp = splicer.map(source.ssrc(), source.timestamp(), source.marker(), samples > 0,
                    System.nanoTime(), streamNow);
            relayedEnd = later(relayedEnd, (timestamp + samples) & TIMESTAMP_MASK);
            relayPacket.clear();
            packetizer.writeAt(relayPacket, timestamp, payloadType, payload, 0, length,
                    splicer.marker() || firstPacket);
            firstPacket = false;
            relayPacket.flip();
            send(relayPacket);
            return true;
        }
    }

    private static long later(long a, long b) {
        return (int) (a - b) >= 0 ? a : b;
    }

    private void sendFrame(ByteBuffer scratch, int skippedFrames) {
        if (closed.get()) {
            return;
        }
        Codec current = codec;
        synchronized (sendLock) {
            // Timestamps follow wall time through a skip, so the peer hears a gap, not a speed-up;
            // int overflow of the product is harmless because timestamps are modulo 2^32.
            packetizer.advance(skippedFrames * FRAME_SAMPLES);
            rtcp.onTick(scratch, packetizer.timestamp(), packetsSent, octetsSent);
            if (relaying) {
                // Not sent, but counted: sendRelayed rebases onto this when the other leg resumes.
                packetizer.advance(FRAME_SAMPLES);
                return;
            }
            if (!sending) {
                packetizer.advance(FRAME_SAMPLES);
                firstPacket = true;
                return;
            }
            scratch.clear();
            Playback filledBy = null;
            if (!writeDigitEvent(scratch)) {
                filledBy = fillFrame(current);
                packetizer.write(scratch, current.payloadType(), frame, 0, frame.length, firstPacket);
            }
            packetizer.advance(FRAME_SAMPLES);
            firstPacket = false;
            scratch.flip();
            if (send(scratch) && filledBy != null) {
                filledBy.frameSent();
            }
        }
    }

    /** Writes the next telephone-event packet if a key press is being sent; false otherwise. */
    private boolean writeDigitEvent(ByteBuffer scratch) {
        if (sendingDigit == null || sendingDigit.isDone()) {
            sendingDigit = digitsToSend.poll();
            if (sendingDigit == null) {
                return false;
            }
            digitTimestamp = packetizer.timestamp();
        }
        eventBuffer.clear();
        boolean marker = sendingDigit.nextPacket(eventBuffer);
        packetizer.writeAt(scratch, digitTimestamp, sendingDigit.payloadType(), eventPayload, 0,
                eventPayload.length, marker);
        return true;
    }

    /** Fills the frame from what plays, else with silence; returns the playback that filled it, if any. */
    private Playback fillFrame(Codec current) {
        Playback playing = playback.get();
        if (playing != null) {
            try {
                if (playing.source().read(current, frame)) {
                    return playing;
                }
                if (playback.compareAndSet(playing, null)) {
                    playing.finishAsync(clock.offClock());
                }
            } catch (RuntimeException e) {
                log.warn("RTP {} audio source failed; playing silence", logId, e);
                if (playback.compareAndSet(playing, null)) {
                    playing.failAsync(e, clock.offClock());
                }
            }
        }
        Arrays.fill(frame, current.silence());
        return null;
    }

    /** Sends one packet; false if it could not be (counted in {@link #sendFailures()}). */
    private boolean send(ByteBuffer packet) {
        try {
            int payload = packet.remaining() - RtpPacket.HEADER_LENGTH;
            if (ports.rtp().send(packet, target) > 0) {
                packetsSent++;
                octetsSent += payload;
                return true;
            }
        } catch (IOException e) {
            if (sendFailures == 0 && !closed.get()) {
                log.warn("RTP {} send to {} failed: {}", logId, target, e.toString());
            }
        }
        sendFailures++;
        return false;
    }

    /** The peer's RTP now comes from {@code source}: our RTP goes back there (symmetric RTP). */
    private void follow(SocketAddress source) {
        SocketAddress previous;
        synchronized (targetLock) {
            previous = target;
            target = source;
            rtcp.peerRtp((InetSocketAddress) source);
        }
        if (source.equals(previous)) {
            log.info("RTP {} media from {} as the SDP says", logId, source);
        } else {
            log.info("RTP {} learnt source {} after {} packets in sequence; sending there (SDP said {})", logId,
                    source, sources.probation(), previous);
        }
    }

    private void dropForeign() {
        if (foreignPackets++ == 0) {
            log.info("RTP {} dropping packets from sources other than the call's peer", logId);
        }
        foreignTotal.increment();
    }

    private void onDatagram(ByteBuffer datagram, SocketAddress source) {
        // Between close() and the receive thread closing the channel.
        if (closed.get()) {
            return;
        }
        Optional<RtpPacket> packet = RtpPacket.parse(datagram);
        if (packet.isEmpty()) {
            ignoredDatagrams++;
            return;
        }
        StrictRtpSource.Verdict verdict = sources.accept(source, packet.get().sequence());
        if (verdict.dropped()) {
            dropForeign();
            return;
        }
        if (verdict == StrictRtpSource.Verdict.LEARNT) {
            follow(source);
        }
        packetsReceived++;
        lastReceivedNanos = System.nanoTime();
        rtcp.onRtp(packet.get(), lastReceivedNanos);
        InboundDtmf digits = dtmf;
        if (digits != null) {
            digits.onPacket(packet.get());
        }
        Inbound inbound = bridge.get();
        if (inbound != null) {
            inbound.onRtp(packet.get());
        }
    }
}
