package org.popline.sip.signalling;

import gov.nist.javax.sip.stack.SIPStackTimerTask;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs on the stack's timer and closes the TCP connections whose message has been arriving for
 * longer than the read timeout. JAIN-SIP's own idle timeout cannot do it: every byte counts as
 * activity, so a peer trickling a request, or stopping half-way, holds its connection and parser
 * for the whole idle timeout, which phones need long.
 */
final class StalledMessageAuditor extends SIPStackTimerTask {
    private final long readTimeoutNanos;
    private final Set<ReadTimedTcpChannel> channels = ConcurrentHashMap.newKeySet();

    StalledMessageAuditor(long readTimeoutNanos) {
        this.readTimeoutNanos = readTimeoutNanos;
    }

    /** How often to look: a fifth of the timeout, so a stalled connection is closed within 1.2 times it (at most a second late). */
    long periodMillis() {
        return Math.max(50, Math.min(1000, readTimeoutNanos / 5_000_000));
    }

    void watch(ReadTimedTcpChannel channel) {
        channels.add(channel);
    }

    @Override
    public void runTask() {
        long now = System.nanoTime();
        for (ReadTimedTcpChannel channel : channels) {
            if (!channel.isOpen()) {
                channels.remove(channel);
            } else if (channel.messageAgeNanos(now) > readTimeoutNanos) {
                channels.remove(channel);
                // Counted before the close, so whoever sees the connection end also finds it in the metrics.
                TcpReadTimeouts.record(channel.peerHost());
                channel.close();
            }
        }
    }

    @Override
    public Object getThreadHash() {
        return null;
    }
}
