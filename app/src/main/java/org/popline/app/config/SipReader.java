package org.popline.app.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.popline.sip.signalling.SipStackFactory;
import org.popline.sip.signalling.TrustedProxies;

/** Reads the {@code sip} section's listening, transport and trust keys. */
final class SipReader {
    private SipReader() {
    }

    static SipConfig read(ConfigReader r) throws ConfigException {
        InetAddress bind = r.address("sip.bind-address", "127.0.0.1");
        String advertised = r.string("sip.advertised-address", bind.isAnyLocalAddress() ? null : bind.getHostAddress());
        if (advertised == null) {
            throw r.error("sip.advertised-address",
                    "required when sip.bind-address is a wildcard address: the address peers should send SIP and RTP to");
        }
        // Checked as an address, but kept as written: it goes into every Contact and SDP.
        r.address("sip.advertised-address", advertised);
        int port = r.integer("sip.port", 5060, 1, 65535);
        List<String> transports = r.stringList("sip.transports", List.of("udp", "tcp"));
        for (String t : transports) {
            if (!t.equals("udp") && !t.equals("tcp")) {
                throw r.error("sip.transports", "unknown transport '" + t + "' (use udp and/or tcp)");
            }
        }
        if (transports.isEmpty()) {
            throw r.error("sip.transports", "needs at least one of udp, tcp");
        }
        if (r.has("sip.trust-asserted-identity")) {
            throw r.error("sip.trust-asserted-identity",
                    "replaced by sip.trusted-proxies: the addresses or networks of the proxies whose P-Asserted-Identity counts");
        }
        TrustedProxies trustedProxies = trustedProxies(r, "sip.trusted-proxies");
        Duration noAck = r.duration("sip.no-ack-timeout", Duration.ofSeconds(32), false);
        return new SipConfig(bind, advertised, port, transports.contains("udp"), transports.contains("tcp"),
                tcpLimits(r), trustedProxies, noAck);
    }

    private static SipStackFactory.TcpLimits tcpLimits(ConfigReader r) throws ConfigException {
        Duration idle = r.duration("sip.tcp.idle-timeout", Duration.ofMinutes(5), false);
        Duration read = r.duration("sip.tcp.read-timeout", Duration.ofSeconds(5), false);
        if (read.compareTo(idle) >= 0) {
            throw r.error("sip.tcp.read-timeout", "must be shorter than sip.tcp.idle-timeout (" + idle.toMillis()
                    + " ms): it bounds how long one message may take to arrive, the idle timeout how long a connection may rest");
        }
        return new SipStackFactory.TcpLimits(r.integer("sip.tcp.max-connections", 1024, 1, 100_000),
                r.integer("sip.tcp.max-connections-per-address", 64, 1, 100_000), idle, read);
    }

    /** Addresses or networks ({@code 10.1.0.0/16}) of proxies trusted with what they assert. */
    static TrustedProxies trustedProxies(ConfigReader r, String key) throws ConfigException {
        try {
            return TrustedProxies.of(r.list(key, List.of()));
        } catch (IllegalArgumentException e) {
            throw r.error(key, e.getMessage());
        }
    }
}
