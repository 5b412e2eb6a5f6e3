package org.popline.sip.signalling;

import gov.nist.javax.sip.stack.NioTcpMessageChannel;
import gov.nist.javax.sip.stack.NioTcpMessageProcessor;
import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * An accepted SIP-over-TCP connection that knows since when the message it is receiving has been
 * arriving, so that a peer that begins a message and never finishes it (slowloris) can be told
 * from a phone that keeps its connection open between requests.
 */
final class ReadTimedTcpChannel extends NioTcpMessageChannel {
    /** The parser's buffer of the message in progress; touched only on the selector thread. */
    private Object message;
    /** When {@link #message} began arriving (System.nanoTime); written before {@link #midMessage}. */
    private volatile long messageSince;
    private volatile boolean midMessage;

    ReadTimedTcpChannel(NioTcpMessageProcessor processor, SocketChannel channel) throws IOException {
        super(processor, channel);
        messageProcessor = processor;
    }

    @Override
    protected void addBytes(byte[] bytes) throws Exception {
        super.addBytes(bytes);
        Object inProgress = ParserPosition.messageInProgress(this);
        if (inProgress != message) {
            message = inProgress;
            if (inProgress != null) {
                messageSince = System.nanoTime();
            }
            midMessage = inProgress != null;
        }
    }

    /** How long the message in progress has been arriving at {@code nowNanos}, or -1 between messages. */
    long messageAgeNanos(long nowNanos) {
        return midMessage ? nowNanos - messageSince : -1;
    }

    boolean isOpen() {
        return socketChannel.isOpen();
    }

    String peerHost() {
        return peerAddress.getHostAddress();
    }
}
