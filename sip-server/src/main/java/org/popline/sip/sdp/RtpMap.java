package org.popline.sip.sdp;

import java.util.Locale;

/**
 * An {@code a=rtpmap:<pt> <encoding>/<clock>[/<channels>]} attribute. {@code channels} is 1
 * when the attribute omits it.
 */
public record RtpMap(int payloadType, String encodingName, int clockRate, int channels) {

    /** True when this maps to {@code name/clockRate} with one channel, the name compared case-insensitively. */
    public boolean is(String name, int rate) {
        return encodingName.toUpperCase(Locale.ROOT).equals(name.toUpperCase(Locale.ROOT))
                && clockRate == rate && channels == 1;
    }
}
