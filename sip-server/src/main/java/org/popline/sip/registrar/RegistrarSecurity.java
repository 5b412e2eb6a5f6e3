package org.popline.sip.registrar;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;

/**
 * Where the registrar keeps what guards it: the key its nonces are signed with, the nonce counts
 * seen, and the failed attempts and lockouts of addresses. {@link #local()} keeps them in this
 * process; a cluster's nodes share them, so that a phone may answer one node's challenge to
 * another and guesses spread over the nodes still lock the guesser out. The registrar closes it
 * when it closes.
 */
public interface RegistrarSecurity extends AutoCloseable {
    NonceKey nonceKey();

    /** @param lifetime how long a nonce may be answered */
    NonceCounts nonceCounts(Duration lifetime, Clock clock);

    Lockouts<InetAddress> lockouts(RegistrarConfig config, Clock clock);

    /**
     * True when the state lives in another process (Redis): the registrar then checks REGISTERs on
     * threads of its own, so that no SIP thread waits for it.
     */
    default boolean remote() {
        return false;
    }

    /** Lets go of what the shared state holds (a connection); nothing to do for the local one. */
    @Override
    default void close() {
    }

    /** This process's memory only: the single-node default. */
    static RegistrarSecurity local() {
        return new RegistrarSecurity() {
            @Override
            public NonceKey nonceKey() {
                return NonceKey.random();
            }

            @Override
            public NonceCounts nonceCounts(Duration lifetime, Clock clock) {
                return new LocalNonceCounts(lifetime, clock);
            }

            @Override
            public Lockouts<InetAddress> lockouts(RegistrarConfig config, Clock clock) {
                return SourceLockout.forAddresses(config, clock);
            }
        };
    }
}
