package org.popline.media.dtmf;

import java.nio.ByteBuffer;
import org.popline.media.codec.Codec;
import org.popline.media.rtp.RtpPacket;

/**
 * Where a call's inbound RTP meets digit detection: telephone-event packets go to the RFC 4733
 * receiver; audio goes to the in-band detector only when the call asked for it, as decoding and
 * filtering every frame costs far more than reading event packets. Fed by the receive thread only.
 */
public final class InboundDtmf {
    private final Rfc4733Receiver events;
    private final GoertzelDtmfDetector inband;
    private final Codec audio;
    private final byte[] encoded = new byte[320];
    private final short[] pcm = new short[320];

    /**
     * @param telephoneEventPayloadType the negotiated payload type, or -1 when none was negotiated
     * @param inband                    also listen for tones in the audio (peers that send neither
     *                                  RFC 4733 nor SIP INFO)
     */
    public InboundDtmf(int telephoneEventPayloadType, Codec audio, boolean inband, DtmfListener listener) {
        this.events = telephoneEventPayloadType < 0 ? null : new Rfc4733Receiver(telephoneEventPayloadType, listener);
        this.inband = inband ? new GoertzelDtmfDetector(listener) : null;
        this.audio = audio;
    }

    public void onPacket(RtpPacket packet) {
        if (events != null && packet.payloadType() == events.payloadType()) {
            events.onPacket(packet);
        } else if (inband != null && packet.payloadType() == audio.payloadType()) {
            ByteBuffer payload = packet.payload();
            int n = Math.min(payload.remaining(), encoded.length);
            payload.get(encoded, 0, n);
            audio.decode(encoded, 0, pcm, 0, n);
            inband.onFrame(pcm, 0, n);
        }
    }
}
