package org.popline.cluster;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.popline.sip.registrar.LocalNonceCounts;
import org.popline.sip.registrar.Lockouts;
import org.popline.sip.registrar.NonceCounts;
import org.popline.sip.registrar.NonceKey;
import org.popline.sip.registrar.RegistrarConfig;
import org.popline.sip.registrar.RegistrarSecurity;
import org.popline.sip.registrar.SourceLockout;

/**
 * The registrar's security state shared by the nodes in Redis: one nonce key, nonce counts and
 * lockouts. While Redis is away each node goes on with its own, so phones keep registering.
 */
public final class SharedRegistrarSecurity implements RegistrarSecurity, AutoCloseable {
    private final RedisLink link;
    private final RedisGate gate;

    public SharedRegistrarSecurity(URI redis) {
        this.link = new RedisLink(redis);
        this.gate = new RedisGate(link, "registrar's nonce key, nonce counts and lockouts");
    }

    @Override
    public NonceKey nonceKey() {
        return new SharedNonceKey(gate);
    }

    @Override
    public NonceCounts nonceCounts(Duration lifetime, Clock clock) {
        return new SharedNonceCounts(gate, new LocalNonceCounts(lifetime, clock), lifetime);
    }

    @Override
    public Lockouts<InetAddress> lockouts(RegistrarConfig config, Clock clock) {
        return new SharedLockouts<>("{reg}", gate, SourceLockout.forAddresses(config, clock), config, clock,
                InetAddress::getHostAddress);
    }

    /**
     * The agents' page's login lockouts (the page takes the phones' passwords, so the registrar's rule), shared
     * like the registrar's but listed apart.
     *
     * @param local this node's own lockouts, which count while Redis is away
     * @param name  names a source in Redis and the lockout list
     */
    public Lockouts<String> pageLogins(Lockouts<String> local, RegistrarConfig rule, Clock clock,
            Function<String, String> name) {
        return new SharedLockouts<>("{desk-login}", gate, local, rule, clock, name);
    }

    @Override
    public boolean remote() {
        return true;
    }

    @Override
    public void close() {
        link.close();
    }
}
