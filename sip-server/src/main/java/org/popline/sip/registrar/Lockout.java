package org.popline.sip.registrar;

import java.time.Instant;

/**
 * An address locked out for guessing passwords.
 *
 * @param source   the IP address (on the agents' page also an agent id)
 * @param until    when its REGISTERs are checked again
 * @param lockouts how often it has been locked out (each lockout lasts twice as long as the last)
 * @param refused  REGISTERs refused unchecked during this lockout
 */
public record Lockout(String source, Instant until, int lockouts, long refused) {
}
