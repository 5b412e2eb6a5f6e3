package org.popline.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Pairs are bound outside the pool's lock: calls allocating at once must still never share one. */
class PortPoolTest {
    // Below the kernel's ephemeral range (32768 and up), so that no other socket happens to hold one.
    private static final int FIRST = 23000;
    private static final int PAIRS = 64;

    @Test
    void callsAllocatingAtOnceGetDistinctPairsAndEveryPairComesBack() throws Exception {
        PortPool pool = new PortPool(RtpTestPeer.LOOPBACK, FIRST, FIRST + 2 * PAIRS - 1, new SecureRandom());
        List<PortPool.BoundPair> pairs = allocateAtOnce(pool, 8, PAIRS / 8);
        Set<Integer> ports = new HashSet<>();
        pairs.forEach(p -> ports.add(p.rtpPort()));
        assertEquals(PAIRS, ports.size(), "every call got a pair of its own");
        IOException full = assertThrows(IOException.class, pool::allocate);
        assertTrue(full.getMessage().endsWith(PAIRS + " pairs in use by calls, 0 held by other programs"), full.getMessage());

        close(pairs);
        pairs.forEach(p -> pool.release(p.rtpPort()));
        List<PortPool.BoundPair> again = allocateAtOnce(pool, 8, PAIRS / 8);
        assertEquals(PAIRS, again.size(), "released pairs are free again");
        close(again);
    }

    @Test
    void aPairFoundTakenStaysFreeForLaterAndTheFailedCallLeavesNothingInUse() throws Exception {
        PortPool pool = new PortPool(RtpTestPeer.LOOPBACK, FIRST, FIRST + 3, new SecureRandom());
        PortPool.BoundPair first;
        try (DatagramChannel squatter = DatagramChannel.open().bind(new InetSocketAddress(RtpTestPeer.LOOPBACK, FIRST + 1))) {
            assertTrue(squatter.isOpen());
            first = pool.allocate();
            assertEquals(FIRST + 2, first.rtpPort(), "the pair whose RTCP port is taken is skipped");
            IOException e = assertThrows(IOException.class, pool::allocate);
            assertEquals("no free RTP port in range " + FIRST + "-" + (FIRST + 3)
                    + ": 1 pairs in use by calls, 1 held by other programs", e.getMessage());
        }
        PortPool.BoundPair second = pool.allocate();
        assertEquals(FIRST, second.rtpPort(), "once its holder has gone, the skipped pair is handed out");
        close(List.of(first, second));
    }

    private static List<PortPool.BoundPair> allocateAtOnce(PortPool pool, int threads, int each) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<List<PortPool.BoundPair>>> calls = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                calls.add(() -> {
                    List<PortPool.BoundPair> mine = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        mine.add(pool.allocate());
                    }
                    return mine;
                });
            }
            List<PortPool.BoundPair> all = new ArrayList<>();
            for (Future<List<PortPool.BoundPair>> f : executor.invokeAll(calls)) {
                all.addAll(f.get());
            }
            return all;
        } finally {
            executor.shutdownNow();
        }
    }

    private static void close(List<PortPool.BoundPair> pairs) throws IOException {
        for (PortPool.BoundPair pair : pairs) {
            pair.rtp().close();
            pair.rtcp().close();
        }
    }
}
