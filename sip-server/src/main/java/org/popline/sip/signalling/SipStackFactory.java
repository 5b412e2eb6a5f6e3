package org.popline.sip.signalling;

import java.time.Duration;
import java.util.Properties;
import javax.sip.PeerUnavailableException;
import javax.sip.SipFactory;
import javax.sip.SipStack;

/** Creates the JAIN-SIP RI stack with the properties Popline relies on. */
public final class SipStackFactory {
    static final String MAX_CONNECTIONS = "gov.nist.javax.sip.MAX_CONNECTIONS";
    /** Ours, read by {@link ConnectionLimitedTcpProcessor}. */
    static final String MAX_CONNECTIONS_PER_ADDRESS = "org.popline.sip.MAX_CONNECTIONS_PER_ADDRESS";
    /** Ours, read by {@link ConnectionLimitedTcpProcessor}: milliseconds a begun message may take to arrive. */
    static final String READ_TIMEOUT = "org.popline.sip.TCP_READ_TIMEOUT";

    /**
     * What SIP over TCP may take.
     *
     * @param idleTimeout a connection silent this long is closed (phones keep theirs open between requests)
     * @param readTimeout a connection that has begun a message and not finished it this long is closed
     */
    public record TcpLimits(int maxConnections, int maxConnectionsPerAddress, Duration idleTimeout, Duration readTimeout) {
        public static TcpLimits defaults() {
            return new TcpLimits(1024, 64, Duration.ofMinutes(5), Duration.ofSeconds(5));
        }
    }

    private SipStackFactory() {
    }

    public static SipStack create(String name) throws PeerUnavailableException {
        return create(name, TcpLimits.defaults());
    }

    public static SipStack create(String name, TcpLimits tcp) throws PeerUnavailableException {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", name);
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        // A stream peer cannot make us buffer an unbounded message.
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", "65536");
        // TCP on NIO: one selector thread for all connections instead of a thread each, connections
        // limited in number, idle ones and ones that stall in the middle of a message closed; parsed
        // messages are handled on a pool, so that one slow request does not hold up every connection.
        p.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY", LimitedTcpProcessors.class.getName());
        p.setProperty(MAX_CONNECTIONS, Integer.toString(tcp.maxConnections()));
        p.setProperty(MAX_CONNECTIONS_PER_ADDRESS, Integer.toString(tcp.maxConnectionsPerAddress()));
        p.setProperty("gov.nist.javax.sip.NIO_MAX_SOCKET_IDLE_TIME", Long.toString(tcp.idleTimeout().toMillis()));
        p.setProperty(READ_TIMEOUT, Long.toString(tcp.readTimeout().toMillis()));
        p.setProperty("gov.nist.javax.sip.TCP_POST_PARSING_THREAD_POOL_SIZE", "4");
        // Several requests are handled at once; handlers synchronise on the call they touch.
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "8");
        // The RI asks for an 8 KB socket buffer: a dozen messages, so a GC pause at a few hundred
        // calls a second made the kernel drop INVITEs and BYEs. 4 MB rides out such bursts (the
        // kernel caps it at net.core.rmem_max).
        p.setProperty("gov.nist.javax.sip.RECEIVE_UDP_BUFFER_SIZE", String.valueOf(4 << 20));
        // Dialogs are removed as soon as they end, so long runs do not accumulate state.
        p.setProperty("gov.nist.javax.sip.AGGRESSIVE_CLEANUP", "true");
        // Requests the RI's parser would let through or drop in silence are answered (RFC 4475).
        p.setProperty("gov.nist.javax.sip.MESSAGE_PARSER_FACTORY", StrictMessageParser.Factory.class.getName());
        return factory.createSipStack(p);
    }
}
