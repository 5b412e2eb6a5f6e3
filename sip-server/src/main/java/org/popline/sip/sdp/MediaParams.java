package org.popline.sip.sdp;

import java.net.InetSocketAddress;
import org.popline.media.codec.Codec;

/**
 * What the media layer needs once offer/answer is complete.
 *
 * @param remote                     where to send RTP (the peer's connection address and audio port)
 * @param codec                      the negotiated codec (sent with its static payload type)
 * @param telephoneEventPayloadType  the RFC 4733 telephone-event payload type, -1 if none
 * @param direction                  OUR direction for the stream (e.g. RECVONLY when the peer's offer was sendonly)
 */
public record MediaParams(InetSocketAddress remote, Codec codec, int telephoneEventPayloadType,
                          Direction direction) {
}
