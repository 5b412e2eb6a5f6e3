package org.popline.media;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

/**
 * Hands out RTP/RTCP port pairs (even RTP port, RTCP on the next one) from a range, each picked
 * at random among the free pairs: ports handed out in order would let whoever sees one call's
 * port guess the next call's, and spray media into it before its peer is learnt. A pair taken by
 * another program is skipped; a released pair may be picked again at once.
 */
final class PortPool {

    /** Both channels of one pair, bound and ready. */
    record BoundPair(int rtpPort, DatagramChannel rtp, DatagramChannel rtcp) {
    }

    private final InetAddress bindAddress;
    private final int portMin;
    private final int portMax;
    private final SecureRandom random;
    /** The RTP ports of the free pairs in {@code [0, freeCount)}, in no particular order. */
    private final int[] free;
    private int freeCount;
    private final Set<Integer> inUse = new HashSet<>();

    PortPool(InetAddress bindAddress, int portMin, int portMax, SecureRandom random) {
        if (portMin < 1 || portMax > 65535 || portMin > portMax) {
            throw new IllegalArgumentException("bad RTP port range " + portMin + "-" + portMax);
        }
        int firstPort = portMin + (portMin & 1);
        int pairCount = (portMax - firstPort + 1) / 2;
        if (pairCount < 1) {
            throw new IllegalArgumentException("RTP port range " + portMin + "-" + portMax + " holds no even/odd pair");
        }
        this.bindAddress = bindAddress;
        this.portMin = portMin;
        this.portMax = portMax;
        this.random = random;
        this.free = new int[pairCount];
        for (int i = 0; i < pairCount; i++) {
            free[i] = firstPort + 2 * i;
        }
        this.freeCount = pairCount;
    }

    /**
     * Binds a random free pair. Pairs that fail to bind (another program holds a port) are tried
     * no further this time but stay free for later.
     *
     * @throws IOException naming the range when no pair could be bound
     */
    synchronized BoundPair allocate() throws IOException {
        // A partial Fisher-Yates shuffle: each round moves an untried pair, picked at random,
        // to the front of the untried ones.
        for (int tried = 0; tried < freeCount; tried++) {
            swap(tried, tried + random.nextInt(freeCount - tried));
            int port = free[tried];
            BoundPair pair = tryBind(port);
            if (pair != null) {
                free[tried] = free[--freeCount];
                inUse.add(port);
                return pair;
            }
        }
        throw new IOException("no free RTP port in range " + portMin + "-" + portMax + ": " + inUse.size()
                + " pairs in use by calls, " + freeCount + " held by other programs");
    }

    synchronized void release(int port) {
        if (inUse.remove(port)) {
            free[freeCount++] = port;
        }
    }

    private void swap(int i, int j) {
        int t = free[i];
        free[i] = free[j];
        free[j] = t;
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
