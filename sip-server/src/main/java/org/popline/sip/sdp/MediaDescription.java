package org.popline.sip.sdp;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code m=} section.
 *
 * @param media      media type, e.g. {@code audio}, {@code video}
 * @param port       transport port; 0 means the stream is rejected/disabled
 * @param portCount  the {@code /<number of ports>} suffix, 1 when absent
 * @param protocol   transport protocol, e.g. {@code RTP/AVP}
 * @param formats    the format list in the order offered (payload type numbers for RTP)
 * @param rtpMaps    {@code a=rtpmap} by payload type
 * @param fmtps      {@code a=fmtp} parameters by payload type
 * @param ptime      {@code a=ptime} in milliseconds, or -1 if absent
 * @param direction  the media-level direction attribute, or null if absent
 * @param connection the media-level {@code c=}, or null if absent
 * @param line       the 1-based line number of the {@code m=} line
 */
public record MediaDescription(String media, int port, int portCount, String protocol,
                               List<String> formats, Map<Integer, RtpMap> rtpMaps,
                               Map<Integer, String> fmtps, int ptime, Direction direction,
                               ConnectionData connection, int line) {

    public MediaDescription {
        formats = List.copyOf(formats);
        rtpMaps = Map.copyOf(rtpMaps);
        fmtps = Map.copyOf(fmtps);
    }

    public boolean isAudio() {
        return "audio".equalsIgnoreCase(media);
    }

    public boolean isRejected() {
        return port == 0;
    }

    /** True for plain RTP/AVP (RTP/SAVP, RTP/AVPF, UDP/TLS/RTP/SAVPF... are not supported). */
    public boolean isRtpAvp() {
        return "RTP/AVP".equalsIgnoreCase(protocol);
    }

    /** The rtpmap of a payload type, if the SDP gave one. */
    public Optional<RtpMap> rtpMap(int payloadType) {
        return Optional.ofNullable(rtpMaps.get(payloadType));
    }
}
