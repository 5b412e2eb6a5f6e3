package org.popline.media;

import java.nio.ByteBuffer;
import org.popline.media.codec.Codec;
import org.popline.media.codec.Transcoder;
import org.popline.media.rtp.RtpPacket;

/**
 * One direction of a bridge: what one leg's peer sends, out on the other leg.
 * Runs on the receive thread, which is the only thread that touches its fields.
 *
 * <p>Audio in the leg's codec is transcoded (or copied) to the other leg's codec;
 * RFC 4733 events keep their payload and take the other leg's telephone-event payload
 * type. Anything else (comfort noise, a codec nobody negotiated) is dropped, as are
 * audio packets older than one already relayed, because renumbered they would play
 * out of order.
 */
final class Relay implements RtpSession.Inbound {

    private static final int MAX_PAYLOAD = 1500;

    private final RtpSession from;
    private final RtpSession to;
    private final Runnable onClosed;
    private final TimestampSplicer splicer = new TimestampSplicer();
    private final byte[] payload = new byte[MAX_PAYLOAD];
    private boolean heardAudio;
    private long lastSsrc;
    private int lastSequence;
    private volatile long relayed;
    private volatile long dropped;

    Relay(RtpSession from, RtpSession to, Runnable onClosed) {
        this.from = from;
        this.to = to;
        this.onClosed = onClosed;
    }

    @Override
    public void onRtp(RtpPacket packet) {
        if (relay(packet)) {
            relayed++;
        } else {
            dropped++;
        }
    }

    @Override
    public void onClosed() {
        onClosed.run();
    }

    long relayed() {
        return relayed;
    }

    long dropped() {
        return dropped;
    }

    private boolean relay(RtpPacket packet) {
        Codec inCodec = from.codec();
        int inEvent = from.telephoneEventPayloadType();
        ByteBuffer in = packet.payload();
        if (packet.payloadType() == inCodec.payloadType()) {
            if (in.remaining() > payload.length || isLate(packet)) {
                return false;
            }
            Codec outCodec = to.codec();
            int length = Transcoder.between(inCodec, outCodec).transcode(in, payload);
            return to.sendRelayed(outCodec.payloadType(), payload, length, length, packet, splicer);
        }
        int outEvent = to.telephoneEventPayloadType();
        if (packet.payloadType() == inEvent && outEvent != RtpSession.NO_TELEPHONE_EVENT
                && in.remaining() <= payload.length) {
            int length = in.remaining();
            in.get(payload, 0, length);
            return to.sendRelayed(outEvent, payload, length, 0, packet, splicer);
        }
        return false;
    }

    /** Whether an audio packet is a duplicate or was overtaken by a later one (RFC 3550 A.1 ordering). */
    private boolean isLate(RtpPacket packet) {
        boolean late = heardAudio && packet.ssrc() == lastSsrc && (short) (packet.sequence() - lastSequence) <= 0;
        if (!late) {
            heardAudio = true;
            lastSsrc = packet.ssrc();
            lastSequence = packet.sequence();
        }
        return late;
    }
}
