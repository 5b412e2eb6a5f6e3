package org.popline.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.popline.sip.registrar.DigestAlgorithm;
import org.popline.sip.registrar.Lockout;
import org.popline.sip.registrar.Lockouts;
import org.popline.sip.registrar.NonceCounts;
import org.popline.sip.registrar.RegistrarConfig;
import org.popline.sip.signalling.TrustedProxies;

/** Two nodes' registrar security state over one real redis-server of the test's own. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SharedRegistrarSecurityTest {
    private static final Duration NONCE_LIFETIME = Duration.ofMinutes(5);
    /** Three failures lock out, for 30 s the first time. */
    private static final RegistrarConfig RULE = new RegistrarConfig("popline", List.of(DigestAlgorithm.MD5),
            Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofHours(1), 3, Duration.ofSeconds(60),
            Duration.ofSeconds(30), Duration.ofMinutes(10), TrustedProxies.none(), TrustedProxies.none());

    private final Clock clock = Clock.systemUTC();
    private RedisServerProcess redis;
    private SharedRegistrarSecurity nodeA;
    private SharedRegistrarSecurity nodeB;

    @BeforeEach
    void start() throws Exception {
        redis = new RedisServerProcess();
        nodeA = new SharedRegistrarSecurity(redis.uri());
        nodeB = new SharedRegistrarSecurity(redis.uri());
    }

    @AfterEach
    void stop() throws Exception {
        nodeA.close();
        nodeB.close();
        redis.close();
    }

    @Test
    void bothNodesSignNoncesWithTheKeyTheFirstOneStored() {
        byte[] a = nodeA.nonceKey().current();
        byte[] b = nodeB.nonceKey().current();
        assertArrayEquals(a, b);
        assertEquals(32, a.length);
    }

    @Test
    void aNonceCountUsedOnOneNodeIsRefusedOnTheOther() {
        NonceCounts a = nodeA.nonceCounts(NONCE_LIFETIME, clock);
        NonceCounts b = nodeB.nonceCounts(NONCE_LIFETIME, clock);
        assertTrue(a.advance("n1", 1));
        assertFalse(b.advance("n1", 1), "the same count replayed to the other node");
        assertTrue(b.advance("n1", 2), "a phone reusing the nonce counts up, on any node");
        assertFalse(a.advance("n1", 2));
        assertTrue(b.advance("n2", 1), "another nonce counts on its own");
    }

    @Test
    void failuresOnBothNodesAddUpToOneLockoutThatBothEnforce() throws Exception {
        Lockouts<InetAddress> a = nodeA.lockouts(RULE, clock);
        Lockouts<InetAddress> b = nodeB.lockouts(RULE, clock);
        InetAddress guesser = InetAddress.getByName("127.0.0.7");
        InetAddress phone = InetAddress.getByName("127.0.0.8");
        a.failed(guesser);
        b.failed(guesser);
        assertFalse(a.refuses(guesser), "two failures are under the limit of three");
        a.failed(guesser);
        assertTrue(b.refuses(guesser), "the third failure, wherever it was, locks the address out on every node");
        assertTrue(a.refuses(guesser));
        assertFalse(b.refuses(phone), "only that address");

        List<Lockout> seen = b.lockouts();
        assertEquals(1, seen.size(), seen.toString());
        assertEquals("127.0.0.7", seen.get(0).source());
        assertEquals(1, seen.get(0).lockouts());
        assertEquals(2, seen.get(0).refused(), "both refusals counted");
        assertEquals(seen, a.lockouts());
    }

    @Test
    void aSuccessForgetsTheFailuresOnEveryNode() throws Exception {
        Lockouts<InetAddress> a = nodeA.lockouts(RULE, clock);
        Lockouts<InetAddress> b = nodeB.lockouts(RULE, clock);
        InetAddress phone = InetAddress.getByName("127.0.0.9");
        a.failed(phone);
        a.failed(phone);
        b.succeeded(phone);
        a.failed(phone);
        assertFalse(b.refuses(phone), "the count started again after the success");
    }

    @Test
    void redisAwayEachNodeKeepsItsOwnStateAndSharesAgainWhenBack() throws Exception {
        byte[] sharedKey = nodeA.nonceKey().current();
        NonceCounts counts = nodeA.nonceCounts(NONCE_LIFETIME, clock);
        Lockouts<InetAddress> lockouts = nodeA.lockouts(RULE, clock);
        var key = nodeA.nonceKey();
        assertArrayEquals(sharedKey, key.current());
        InetAddress guesser = InetAddress.getByName("127.0.0.7");
        redis.stop();

        assertArrayEquals(sharedKey, key.current(), "the shared key is kept: nonces of the other nodes still verify");
        assertTrue(counts.advance("n1", 1));
        assertFalse(counts.advance("n1", 1), "this node's own counts still refuse a replay");
        for (int i = 0; i < 3; i++) {
            lockouts.failed(guesser);
        }
        assertTrue(lockouts.refuses(guesser), "this node locks out on its own count");
        assertEquals("127.0.0.7", lockouts.lockouts().get(0).source());

        redis.start();
        awaitShared(lockouts, nodeB.lockouts(RULE, clock), InetAddress.getByName("127.0.0.6"),
                System.nanoTime() + TimeUnit.SECONDS.toNanos(20));
        assertTrue(lockouts.refuses(guesser), "locked out while Redis was away: still locked out here");
        assertTrue(counts.advance("n2", 1));
        assertFalse(nodeB.nonceCounts(NONCE_LIFETIME, clock).advance("n2", 1), "nonce counts shared again too");
    }

    /** Failures on this node are seen on the other once Redis answers again (after the gate's retry pause). */
    private static void awaitShared(Lockouts<InetAddress> here, Lockouts<InetAddress> there, InetAddress source,
            long deadline) throws InterruptedException {
        while (true) {
            here.failed(source);
            if (there.refuses(source)) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "failures shared again once Redis is back");
            Thread.sleep(200);
        }
    }
}
