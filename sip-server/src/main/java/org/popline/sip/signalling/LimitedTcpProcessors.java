package org.popline.sip.signalling;

import gov.nist.javax.sip.stack.CompactUdpMessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessor;
import gov.nist.javax.sip.stack.MessageProcessorFactory;
import gov.nist.javax.sip.stack.NioMessageProcessorFactory;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.io.IOException;
import java.net.InetAddress;

/**
 * The stack's message processors: JAIN-SIP's NIO ones (one selector thread for every TCP
 * connection, not a thread each, and idle connections closed), with TCP connections limited in
 * number ({@link ConnectionLimitedTcpProcessor}), and UDP received without a 64 KB buffer per
 * datagram ({@link CompactUdpMessageProcessor}). Named by the stack property
 * {@code gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY}.
 */
public final class LimitedTcpProcessors implements MessageProcessorFactory {
    private final NioMessageProcessorFactory nio = new NioMessageProcessorFactory();

    @Override
    public MessageProcessor createMessageProcessor(SIPTransactionStack stack, InetAddress address, int port,
            String transport) throws IOException {
        if ("tcp".equalsIgnoreCase(transport)) {
            return new ConnectionLimitedTcpProcessor(address, stack, port);
        }
        if ("udp".equalsIgnoreCase(transport)) {
            return new CompactUdpMessageProcessor(address, stack, port);
        }
        return nio.createMessageProcessor(stack, address, port, transport);
    }
}
