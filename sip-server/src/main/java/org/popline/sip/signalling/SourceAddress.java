package org.popline.sip.signalling;

import gov.nist.javax.sip.message.SIPMessage;
import java.net.InetAddress;
import javax.sip.message.Request;

/** Where a request came from on the wire (the peer, or its NAT), whatever its headers claim. */
public final class SourceAddress {
    private SourceAddress() {
    }

    /** The packet's source address; null for a request that did not come from the network. */
    public static InetAddress of(Request request) {
        SIPMessage m = (SIPMessage) request;
        return m.getPeerPacketSourceAddress() != null ? m.getPeerPacketSourceAddress() : m.getRemoteAddress();
    }
}
