package org.popline.sip.sdp;

/**
 * A session description that cannot be parsed or used. The message says what is wrong and,
 * where it applies, on which line (1-based), e.g. {@code "line 4: m= line has no port"}.
 */
public final class SdpException extends Exception {
    private static final long serialVersionUID = 1L;

    public SdpException(String message) {
        super(message);
    }

    static SdpException atLine(int line, String message) {
        return new SdpException("line " + line + ": " + message);
    }
}
