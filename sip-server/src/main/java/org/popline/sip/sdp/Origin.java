package org.popline.sip.sdp;

/** An {@code o=} line (RFC 4566 §5.2). Session id and version are kept as text: they may exceed 64 bits. */
public record Origin(String username, String sessionId, String sessionVersion,
                     String networkType, String addressType, String address) {
}
