package org.popline.media;

import java.time.Duration;
import java.util.Optional;

/**
 * How a call's audio fares, from RTCP: what the peer reports about our stream (its Receiver
 * or Sender Reports) and what we measure of theirs.
 *
 * @param peerReports         report blocks about our stream received so far
 * @param peerFractionLost    the last reported fraction of our packets lost (0..1)
 * @param peerCumulativeLost  the peer's count of our packets lost
 * @param peerJitterMillis    the peer's interarrival jitter estimate of our stream
 * @param roundTrip           round-trip time from the last report, when it could be computed
 * @param received            RTP packets we received from the peer
 * @param lost                the peer's packets we expected but did not receive
 * @param jitterMillis        our interarrival jitter estimate of the peer's stream
 */
public record StreamQuality(long peerReports, double peerFractionLost, long peerCumulativeLost,
        double peerJitterMillis, Optional<Duration> roundTrip, long received, long lost, double jitterMillis) {
}
