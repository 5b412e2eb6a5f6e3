package org.popline.media;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Objects;

/**
 * Decides whose RTP a session takes, as Asterisk's {@code strictrtp} does. Media is taken from
 * the address and port the SDP names. A peer behind NAT sends from elsewhere: such a source is
 * learnt only once it has sent {@code probation} consecutive in-sequence packets, and until then
 * its packets are dropped. Once a source is taken, every other one is dropped, until the SDP
 * names a new address.
 *
 * <p>Called by the receive thread for every packet and by signalling for a new SDP; the lock is
 * uncontended on the receive path.
 */
final class StrictRtpSource {

    /** What to do with one inbound packet. */
    enum Verdict {
        /** From the source already taken. */
        ACCEPT,
        /** Takes this packet's source from now on (the SDP's address, or a NAT source that passed probation). */
        LEARNT,
        /** From a source on probation, not yet believed. */
        PROBATION,
        /** From a source other than the one taken. */
        FOREIGN;

        boolean dropped() {
            return this == PROBATION || this == FOREIGN;
        }
    }

    private static final int SEQUENCE_MASK = 0xFFFF;

    private final int probation;
    private InetSocketAddress signalled;
    private InetSocketAddress learnt;
    private SocketAddress candidate;
    private int candidateSequence;
    private int candidatePackets;

    /** @param probation consecutive in-sequence packets a source other than the SDP's must send to be taken */
    StrictRtpSource(int probation) {
        this.probation = probation;
    }

    /**
     * The SDP names {@code remote}. Returns whether that changes where media is expected from: a new
     * address forgets the source taken before (unless it is that very address) and any probation.
     */
    synchronized boolean expect(InetSocketAddress remote) {
        Objects.requireNonNull(remote, "remote");
        if (remote.equals(signalled)) {
            return false;
        }
        signalled = remote;
        if (learnt != null && !learnt.equals(remote)) {
            learnt = null;
        }
        candidate = null;
        candidatePackets = 0;
        return true;
    }

    synchronized Verdict accept(SocketAddress source, int sequence) {
        if (learnt != null) {
            return learnt.equals(source) ? Verdict.ACCEPT : Verdict.FOREIGN;
        }
        if (source.equals(signalled)) {
            learnt = signalled;
            return Verdict.LEARNT;
        }
        if (source.equals(candidate) && sequence == ((candidateSequence + 1) & SEQUENCE_MASK)) {
            candidatePackets++;
        } else {
            candidate = source;
            candidatePackets = 1;
        }
        candidateSequence = sequence;
        if (candidatePackets >= probation) {
            learnt = (InetSocketAddress) source;
            candidate = null;
            return Verdict.LEARNT;
        }
        return Verdict.PROBATION;
    }

    /** The source taken, or null while none is. */
    synchronized InetSocketAddress learnt() {
        return learnt;
    }

    /** Where the peer's RTCP may come from: the host of the source taken, else of the SDP's address; null if neither. */
    synchronized InetAddress peerHost() {
        InetSocketAddress peer = learnt != null ? learnt : signalled;
        return peer == null ? null : peer.getAddress();
    }

    int probation() {
        return probation;
    }
}
