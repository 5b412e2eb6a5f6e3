package org.popline.sip.sdp;

import java.util.Locale;
import java.util.Optional;

/** RFC 3264 §5.1 / RFC 4566 §6 media direction attributes. */
public enum Direction {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    /** The SDP attribute name, e.g. {@code "sendrecv"}. */
    public String attribute() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The direction an answerer uses for an offered direction (RFC 3264 §6.1). */
    public Direction answerTo() {
        return switch (this) {
            case SENDRECV -> SENDRECV;
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            case INACTIVE -> INACTIVE;
        };
    }

    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    /** Parses an attribute name (case-insensitive); empty if it is not a direction attribute. */
    public static Optional<Direction> fromAttribute(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "sendrecv" -> Optional.of(SENDRECV);
            case "sendonly" -> Optional.of(SENDONLY);
            case "recvonly" -> Optional.of(RECVONLY);
            case "inactive" -> Optional.of(INACTIVE);
            default -> Optional.empty();
        };
    }
}
