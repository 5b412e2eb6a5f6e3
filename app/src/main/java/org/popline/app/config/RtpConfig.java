package org.popline.app.config;

import java.time.Duration;

/**
 * The {@code rtp} section: media ports and the media clock.
 *
 * @param portMin          lowest port of {@code rtp.ports}
 * @param portMax          highest port of {@code rtp.ports}
 * @param timeout          a caller silent this long is hung up ({@code rtp.timeout})
 * @param realtimePriority SCHED_RR priority of the media clock threads, 0: none
 * @param strictProbation  in-sequence packets before a source other than the SDP's is taken
 */
public record RtpConfig(int portMin, int portMax, Duration timeout, int clockThreads, int realtimePriority,
        int strictProbation) {
}
