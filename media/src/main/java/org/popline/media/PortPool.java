package org.popline.media;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
     * no further this time but stay free for later. The binds happen outside the pool's lock: a pair
     * being tried is out of the free list meanwhile, so that no other call picks it, and releases and
     * other calls' allocations do not wait for the system calls.
     *
     * @throws IOException naming the range when no pair could be bound
     */
    BoundPair allocate() throws IOException {
        // Out of the free list and not in use: the pair being tried, and those found taken, which go back.
        List<Integer> outOfList = new ArrayList<>();
        try {
            while (true) {
                int port = take();
                if (port < 0) {
                    throw new IOException("no free RTP port in range " + portMin + "-" + portMax + ": " + inUseCount()
                            + " pairs in use by calls, " + outOfList.size() + " held by other programs");
                }
                outOfList.add(port);
                BoundPair pair = tryBind(port);
                if (pair != null) {
                    outOfList.remove(outOfList.size() - 1);
                    markInUse(port);
                    return pair;
                }
            }
        } finally {
            giveBack(outOfList);
        }
    }

    /** Takes a random free pair out of the free list; -1 if none is free. */
    private synchronized int take() {
        if (freeCount == 0) {
            return -1;
        }
        int index = random.nextInt(freeCount);
        int port = free[index];
        free[index] = free[--freeCount];
        return port;
    }

    private synchronized void markInUse(int port) {
        inUse.add(port);
    }

    private synchronized int inUseCount() {
        return inUse.size();
    }

    private synchronized void giveBack(List<Integer> ports) {
        for (int port : ports) {
            free[freeCount++] = port;
        }
    }

    synchronized void release(int port) {
        if (inUse.remove(port)) {
            free[freeCount++] = port;
        }
    }

    /** Both ports bound, or null if another program holds either; nothing stays open on failure. */
    private BoundPair tryBind(int port) throws IOException {
        DatagramChannel rtp;
        try {
            rtp = bind(port);
        } catch (BindException taken) {
            return null;
        }
        try {
            return new BoundPair(port, rtp, bind(port + 1));
        } catch (IOException e) {
            rtp.close();
            if (e instanceof BindException) {
                return null;
            }
            throw e;
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
