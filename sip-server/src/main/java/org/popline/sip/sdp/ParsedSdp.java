package org.popline.sip.sdp;

import java.util.List;

/**
 * A parsed session description (only what Popline uses of RFC 4566).
 *
 * @param version     the {@code v=} value (always 0)
 * @param origin      the {@code o=} line
 * @param sessionName the {@code s=} value
 * @param connection  the session-level {@code c=}, or null
 * @param direction   the session-level direction attribute, or null
 * @param media       the {@code m=} sections in order
 */
public record ParsedSdp(int version, Origin origin, String sessionName, ConnectionData connection,
                        Direction direction, List<MediaDescription> media) {

    public ParsedSdp {
        media = List.copyOf(media);
    }

    /** The connection that applies to a media section: media level wins over session level. */
    public ConnectionData connectionFor(MediaDescription m) {
        return m.connection() != null ? m.connection() : connection;
    }

    /** The direction that applies to a media section: media level, else session level, else sendrecv. */
    public Direction directionFor(MediaDescription m) {
        if (m.direction() != null) {
            return m.direction();
        }
        return direction != null ? direction : Direction.SENDRECV;
    }
}
