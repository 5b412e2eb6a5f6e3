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
 */
public final class RtpSession implements AutoCloseable {

    static final int FRAME_SAMPLES = 160;

    private static final Logger log = LoggerFactory.getLogger(RtpSession.class);

    private final String callId;
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

    // Written by the clock thread only; read by any.
    private final byte[] frame = new byte[FRAME_SAMPLES];
    private boolean firstPacket = true;
    private volatile boolean sending = true;
    private volatile long packetsSent;
    private volatile long sendFailures;

    // Written by the receive thread only; read by any.
    private volatile long packetsReceived;
    private volatile long lastReceivedNanos;
    private volatile long ignoredDatagrams;
    private volatile boolean latched;
    private volatile InboundDtmf dtmf;

    // Digits waiting to be sent as RFC 4733 events, and the one being sent (clock thread only).
    private final Queue<Rfc4733Sender> digitsToSend = new ConcurrentLinkedQueue<>();
    private Rfc4733Sender sendingDigit;
    private long digitTimestamp;
    private final byte[] eventPayload = new byte[4];
    private final ByteBuffer eventBuffer = ByteBuffer.wrap(eventPayload);

    private final Object targetLock = new Object();
    private volatile Codec codec;
    private volatile SocketAddress target;

    RtpSession(String callId, PortPool.BoundPair ports, InetAddress localAddress, MediaClock clock,
               RtpReceiver receiver, RtpPacketizer packetizer, Runnable onClose) {
        this.callId = callId;
        this.ports = ports;
        this.localAddress = localAddress;
        this.clock = clock;
        this.receiver = receiver;
        this.packetizer = packetizer;
        this.onClose = onClose;
        receiver.register(ports.rtp(), handler);
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
     * Starts (or redirects, on a re-INVITE) the outgoing stream. A peer address
     * already learnt from its RTP wins over the signalled one (symmetric RTP).
     */
    public void start(InetSocketAddress remote, Codec codec) {
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(codec, "codec");
        if (closed.get()) {
            throw new IllegalStateException("session " + callId + " is closed");
        }
        this.codec = codec;
        synchronized (targetLock) {
            if (!latched) {
                this.target = remote;
            }
        }
        clock.add(ticker);
        log.info("RTP {} started: port {} -> {} {}", callId, localPort(), remote, codec);
    }

    /**
     * Reports the caller's key presses to {@code listener} on the receive thread: RFC 4733 events
     * of the negotiated payload type, and in-band tones if asked for. Replaces any earlier setting
     * (a re-INVITE may change the payload type).
     */
    public void listenForDigits(int telephoneEventPayloadType, boolean inband, DtmfListener listener) {
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
    public void sendDigit(char digit, int durationMillis, int telephoneEventPayloadType) {
        digitsToSend.add(new Rfc4733Sender(telephoneEventPayloadType, digit, durationMillis));
    }

    /** Plays {@code source} instead of whatever plays now; that earlier play's future completes. */
    public CompletableFuture<Void> play(AudioSource source) {
        Objects.requireNonNull(source, "source");
        Playback next = new Playback(source);
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
            log.info("RTP {} sending {}", callId, on ? "resumed" : "paused");
        }
    }

    public boolean isSending() {
        return sending;
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
        receiver.close(ports.rtp());
        try {
            ports.rtcp().close();
        } catch (IOException e) {
            log.debug("Closing RTCP channel of {}", callId, e);
        }
        onClose.run();
        log.info("RTP {} closed: port {}, sent {}, received {}", callId, localPort(), packetsSent, packetsReceived);
    }

    private void sendFrame(ByteBuffer scratch, int skippedFrames) {
        if (closed.get()) {
            return;
        }
        Codec current = codec;
        // Timestamps follow wall time through a skip, so the peer hears a gap, not a speed-up;
        // int overflow of the product is harmless because timestamps are modulo 2^32.
        packetizer.advance(skippedFrames * FRAME_SAMPLES);
        if (!sending) {
            packetizer.advance(FRAME_SAMPLES);
            firstPacket = true;
            return;
        }
        scratch.clear();
        if (!writeDigitEvent(scratch)) {
            fillFrame(current);
            packetizer.write(scratch, current.payloadType(), frame, 0, frame.length, firstPacket);
        }
        packetizer.advance(FRAME_SAMPLES);
        firstPacket = false;
        scratch.flip();
        send(scratch);
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
        packetizer.write(scratch, sendingDigit.payloadType(), eventPayload, 0, eventPayload.length, marker,
                digitTimestamp);
        return true;
    }

    private void fillFrame(Codec current) {
        Playback playing = playback.get();
        if (playing != null) {
            try {
                if (playing.source().read(current, frame)) {
                    return;
                }
                if (playback.compareAndSet(playing, null)) {
                    playing.finishAsync();
                }
            } catch (RuntimeException e) {
                log.warn("RTP {} audio source failed; playing silence", callId, e);
                if (playback.compareAndSet(playing, null)) {
                    playing.failAsync(e);
                }
            }
        }
        Arrays.fill(frame, current.silence());
    }

    private void send(ByteBuffer packet) {
        try {
            if (ports.rtp().send(packet, target) > 0) {
                packetsSent++;
                return;
            }
        } catch (IOException e) {
            if (sendFailures == 0 && !closed.get()) {
                log.warn("RTP {} send to {} failed: {}", callId, target, e.toString());
            }
        }
        sendFailures++;
    }

    private void latch(SocketAddress source) {
        SocketAddress previous;
        synchronized (targetLock) {
            previous = target;
            target = source;
            latched = true;
        }
        if (!source.equals(previous)) {
            log.info("RTP {} symmetric RTP: sending to {} (was {})", callId, source, previous);
        }
    }

    private void onDatagram(ByteBuffer datagram, SocketAddress source) {
        Optional<RtpPacket> packet = RtpPacket.parse(datagram);
        if (packet.isEmpty()) {
            ignoredDatagrams++;
            return;
        }
        packetsReceived++;
        lastReceivedNanos = System.nanoTime();
        InboundDtmf digits = dtmf;
        if (digits != null) {
            digits.onPacket(packet.get());
        }
        if (!latched) {
            latch(source);
        }
    }
}
