package org.popline.sip.signalling;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TCP connections closed because a message begun on them was not finished within
 * {@code sip.tcp.read-timeout}: counted for the metrics ({@code popline_sip_tcp_read_timeouts_total})
 * and logged at most once per source address per minute. Process-wide, like the processor the
 * stack creates by class name.
 */
public final class TcpReadTimeouts {
    private static final Logger log = LoggerFactory.getLogger(TcpReadTimeouts.class);
    private static final CountedPerSource CLOSED = new CountedPerSource();

    private TcpReadTimeouts() {
    }

    /** Connections closed this way since start. */
    public static long count() {
        return CLOSED.count();
    }

    static void record(String source) {
        long heldBack = CLOSED.record(source);
        if (heldBack >= 0) {
            log.warn("SIP over TCP: connection from {} closed, it began a message and did not finish it in time{}", source,
                    CountedPerSource.heldBack(heldBack));
        }
    }
}
