package org.popline.sip.registrar;

import java.security.SecureRandom;

/**
 * The secret that digest nonces are signed with ({@link Nonces}). A node that has the key of the
 * node that issued a nonce can check it: a cluster's nodes share one, a single process makes its
 * own at start.
 */
public interface NonceKey {
    int BYTES = 32;

    /** The key to sign and check with now; may change, which makes nonces signed before unknown. */
    byte[] current();

    /** A random key of this process only: nonces from before a restart are unknown after it. */
    static NonceKey random() {
        byte[] secret = new byte[BYTES];
        new SecureRandom().nextBytes(secret);
        return () -> secret.clone();
    }
}
