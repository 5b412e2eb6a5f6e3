package org.popline.sip.call;

import java.io.IOException;
import org.popline.media.RtpSession;

/** Where a call gets its RTP session (an RTP port and its RTCP port); the media engine in service. */
@FunctionalInterface
public interface RtpSessions {
    /** A new session for the call; IOException when no port is free. */
    RtpSession open(String callId) throws IOException;
}
