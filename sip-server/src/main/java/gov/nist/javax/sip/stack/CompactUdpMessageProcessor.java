package gov.nist.javax.sip.stack;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.LinkedList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's UDP message processor, receiving each datagram into one reused buffer and queueing a copy of
 * just its bytes. The RI allocates a fresh buffer of the largest datagram (64 KB) for every message it
 * receives: at 1000 calls a second that was 60 % of everything Popline allocated (JFR, bench/load.sh
 * --profile on) and kept G1 collecting. It lives in the RI's package because the worker channels it
 * starts, like the RI's, have protected constructors, and because it must set the stack's package-private
 * {@code udpFlag} as the RI's factory does: without it every message is sent from a new ephemeral socket,
 * and a peer answering Popline's own requests to their source port (rport) answers a closed port.
 */
public final class CompactUdpMessageProcessor extends UDPMessageProcessor {
    private static final Logger log = LoggerFactory.getLogger(CompactUdpMessageProcessor.class);
    private static final int LARGEST_DATAGRAM = 65535;
    private long lastReported;

    public CompactUdpMessageProcessor(InetAddress address, SIPTransactionStack stack, int port) throws IOException {
        super(address, stack, port);
        stack.udpFlag = true;
    }

    @Override
    public void run() {
        messageChannels = new LinkedList<>();
        int workers = sipStack.threadPoolSize;
        for (int i = 0; i < workers; i++) {
            messageChannels.add(new UDPMessageChannel(sipStack, this,
                    ((gov.nist.javax.sip.SipStackImpl) sipStack).getStackName() + "-UDPMessageChannelThread-" + i));
        }
        gov.nist.core.ThreadAuditor.ThreadHandle audit =
                sipStack.getThreadAuditor() == null ? null : sipStack.getThreadAuditor().addCurrentThread();
        byte[] buffer = new byte[LARGEST_DATAGRAM];
        DatagramPacket received = new DatagramPacket(buffer, buffer.length);
        while (isRunning) {
            try {
                if (audit != null) {
                    audit.ping();
                }
                received.setData(buffer, 0, buffer.length);
                sock.receive(received);
                DatagramPacket message = new DatagramPacket(Arrays.copyOf(buffer, received.getLength()),
                        received.getLength(), received.getSocketAddress());
                if (workers == -1) {
                    new UDPMessageChannel(sipStack, this, message);
                } else {
                    messageQueue.offer(new DatagramQueuedMessageDispatch(message, System.currentTimeMillis()));
                }
            } catch (SocketTimeoutException timeout) {
                // the auditor's ping interval: loop to ping it
            } catch (SocketException closed) {
                if (!isRunning) {
                    return;
                }
                report(closed);
            } catch (IOException | RuntimeException e) {
                report(e);
            }
        }
    }

    private void report(Exception e) {
        long now = System.nanoTime();
        if (now - lastReported > 1_000_000_000L) {
            lastReported = now;
            log.warn("SIP UDP receive on port {} failed: {}", getPort(), e.toString());
        }
    }
}
