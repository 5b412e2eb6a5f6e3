package org.popline.sip.registrar;

/**
 * The highest nonce count (nc) seen with each nonce, so that a captured REGISTER cannot be sent
 * again: a phone that reuses a nonce must count up (RFC 7616 3.4). Kept in this process
 * ({@link LocalNonceCounts}) or shared by a cluster's nodes, so that a count used on one node is
 * refused on another.
 */
public interface NonceCounts {
    /** True, and remembered, when {@code count} is higher than any count seen with this nonce. */
    boolean advance(String nonce, long count);

    /** Forgets the nonces that are stale anyway; called every second. */
    void forgetStale();
}
