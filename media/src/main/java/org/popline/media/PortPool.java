package org.popline.media;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.HashSet;
import java.util.Set;

/**
 * Hands out RTP/RTCP port pairs (even RTP port, RTCP on the next one) from a range,
 * cycling through it so a just-released port is not reused at once (late packets of
 * the old call would land in the new one).
 */
final class PortPool {

    /** Both channels of one pair, bound and ready. */
    record BoundPair(int rtpPort, DatagramChannel rtp, DatagramChannel rtcp) {
    }

    private final InetAddress bindAddress;
    private final int portMin;
    private final int portMax;
    private final int firstPort;
    private final int pairCount;
    private final Set<Integer> inUse = new HashSet<>();
    private int nextIndex;

    PortPool(InetAddress bindAddress, int portMin, int portMax) {
        if (portMin < 1 || portMax > 65535 || portMin > portMax) {
            throw new IllegalArgumentException("bad RTP port range " + portMin + "-" + portMax);
        }
        this.bindAddress = bindAddress;
        this.firstPort = portMin + (portMin & 1);
        this.pairCount = (portMax - firstPort + 1) / 2;
        if (pairCount < 1) {
            throw new IllegalArgumentException("RTP port range " + portMin + "-" + portMax + " holds no even/odd pair");
        }
        this.portMin = portMin;
        this.portMax = portMax;
    }

    synchronized BoundPair allocate() throws IOException {
        for (int tried = 0; tried < pairCount; tried++) {
            int port = firstPort + 2 * nextIndex;
            nextIndex = (nextIndex + 1) % pairCount;
            if (inUse.contains(port)) {
                continue;
            }
            BoundPair pair = tryBind(port);
            if (pair != null) {
                inUse.add(port);
                return pair;
            }
        }
        throw new IOException("no free RTP port in range " + portMin + "-" + portMax);
    }

    synchronized void release(int port) {
        inUse.remove(port);
    }

    private BoundPair tryBind(int port) throws IOException {
        DatagramChannel rtp = null;
        try {
            rtp = bind(port);
            DatagramChannel rtcp = bind(port + 1);
            return new BoundPair(port, rtp, rtcp);
        } catch (BindException taken) {
            if (rtp != null) {
                rtp.close();
            }
            return null;
        }
    }

    private DatagramChannel bind(int port) throws IOException {
        // An IPv4 socket for an IPv4 address: a dual-stack one sends through the IPv6 code path,
        // a measurable part of each packet's cost at a thousand streams.
        DatagramChannel channel = DatagramChannel.open(
                bindAddress instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
        try {
            channel.bind(new InetSocketAddress(bindAddress, port));
            channel.configureBlocking(false);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }
}
