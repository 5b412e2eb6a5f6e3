package org.popline.app.config;

import java.net.InetAddress;
import java.time.Duration;
import org.popline.sip.signalling.SipStackFactory;
import org.popline.sip.signalling.TrustedProxies;

/**
 * The {@code sip} section, but for how phones register (see {@link RegistrarReader}).
 *
 * @param bindAddress       where SIP and RTP listen ({@code sip.bind-address})
 * @param advertisedAddress written into Contact and SDP ({@code sip.advertised-address}, by default the bind address)
 * @param udp               whether {@code sip.transports} lists udp
 * @param tcp               whether {@code sip.transports} lists tcp
 * @param trustedProxies    whose P-Asserted-Identity gives the caller's number ({@code sip.trusted-proxies})
 * @param noAckTimeout      how long a 200 OK waits for its ACK ({@code sip.no-ack-timeout})
 */
public record SipConfig(InetAddress bindAddress, String advertisedAddress, int port, boolean udp, boolean tcp,
        SipStackFactory.TcpLimits tcpLimits, TrustedProxies trustedProxies, Duration noAckTimeout) {
}
