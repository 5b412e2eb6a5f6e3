package org.popline.sip.signalling;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's NIO TCP processor, refusing (closing at once) a connection beyond
 * {@value SipStackFactory#MAX_CONNECTIONS} connections in all or beyond
 * {@value SipStackFactory#MAX_CONNECTIONS_PER_ADDRESS} from one address, so that one peer's
 * connections cannot use up what every phone shares. The RI's own limit applies only to its
 * thread-per-connection processor, which also blocks accepting while full. A connection that
 * begins a message and does not finish it within {@value SipStackFactory#READ_TIMEOUT}
 * milliseconds is closed ({@link StalledMessageAuditor}).
 */
final class ConnectionLimitedTcpProcessor extends NioTcpMessageProcessor {
    private static final Logger log = LoggerFactory.getLogger(ConnectionLimitedTcpProcessor.class);
    private static final LogThrottle REFUSALS = new LogThrottle(TimeUnit.MINUTES.toNanos(1), 10_000, System::nanoTime);

    private final int maxConnections;
    private final int maxPerAddress;
    /** Accepted connections by peer address; closed ones are pruned when that address connects again. */
    private final Map<InetAddress, Set<SocketChannel>> byAddress = new ConcurrentHashMap<>();
    private final StalledMessageAuditor stalled;

    ConnectionLimitedTcpProcessor(InetAddress address, SIPTransactionStack stack, int port) {
        super(address, stack, port);
        Properties p = ((SipStackImpl) stack).getConfigurationProperties();
        this.maxConnections = Integer.parseInt(p.getProperty(SipStackFactory.MAX_CONNECTIONS, "1024"));
        this.maxPerAddress = Integer.parseInt(p.getProperty(SipStackFactory.MAX_CONNECTIONS_PER_ADDRESS, "64"));
        this.stalled = new StalledMessageAuditor(
                TimeUnit.MILLISECONDS.toNanos(Long.parseLong(p.getProperty(SipStackFactory.READ_TIMEOUT, "5000"))));
    }

    @Override
    public void start() throws IOException {
        super.start();
        sipStack.getTimer().scheduleWithFixedDelay(stalled, stalled.periodMillis(), stalled.periodMillis());
    }

    @Override
    public void stop() {
        sipStack.getTimer().cancel(stalled);
        super.stop();
    }

    @Override
    public NioTcpMessageChannel createMessageChannel(NioTcpMessageProcessor processor, SocketChannel channel)
            throws IOException {
        InetAddress peer = ((InetSocketAddress) channel.getRemoteAddress()).getAddress();
        Set<SocketChannel> fromPeer = byAddress.computeIfAbsent(peer, a -> ConcurrentHashMap.newKeySet());
        fromPeer.removeIf(c -> !c.isOpen());
        String refusal = fromPeer.size() >= maxPerAddress ? maxPerAddress + " connections from " + peer.getHostAddress()
                : nioHandler.getCurrentChannelSize() >= maxConnections ? maxConnections + " connections in all" : null;
        if (refusal != null) {
            channel.close();
            if (REFUSALS.admit(peer.getHostAddress()) >= 0) {
                log.warn("SIP over TCP: connection from {} refused, already {}", peer.getHostAddress(), refusal);
            }
            // The RI's selector loop logs this and goes on accepting.
            throw new IOException("connection limit");
        }
        fromPeer.add(channel);
        if (byAddress.size() > maxConnections) {
            byAddress.values().removeIf(set -> {
                set.removeIf(c -> !c.isOpen());
                return set.isEmpty();
            });
        }
        NioTcpMessageChannel known = nioHandler.getMessageChannel(channel);
        if (known != null) {
            return known;
        }
        ReadTimedTcpChannel accepted = new ReadTimedTcpChannel(processor, channel);
        nioHandler.putMessageChannel(channel, accepted);
        stalled.watch(accepted);
        return accepted;
    }
}
