package org.popline.sip.registrar;

import java.time.Duration;
import java.util.List;
import org.popline.sip.signalling.TrustedProxies;

/**
 * How agents' phones register.
 *
 * @param realm          the digest realm phones authenticate in
 * @param algorithms     the digest algorithms offered, in the order of the 401's WWW-Authenticate headers
 * @param minExpires     a shorter registration is refused with 423 (and this as Min-Expires)
 * @param maxExpires     a longer registration is shortened to this
 * @param defaultExpires for a registration that asks for no expiry
 * @param lockoutAfter   this many failed authentications from one address within {@code lockoutWindow}
 *                       lock that address out
 * @param lockout        the first lockout; each further lockout of the same address lasts twice as long
 * @param maxLockout     the longest lockout
 * @param trustedProxies proxies whose REGISTERs with Path may bind contacts behind them
 * @param foreignContacts networks a Contact may point into besides the REGISTER's own source
 */
public record RegistrarConfig(String realm, List<DigestAlgorithm> algorithms, Duration minExpires,
        Duration maxExpires, Duration defaultExpires, int lockoutAfter, Duration lockoutWindow, Duration lockout,
        Duration maxLockout, TrustedProxies trustedProxies, TrustedProxies foreignContacts) {

    public RegistrarConfig {
        algorithms = List.copyOf(algorithms);
    }
}
