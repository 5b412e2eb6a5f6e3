package org.popline.ivr;

import java.time.Duration;
import java.util.Optional;

/**
 * A queue as a caller about to join it would find it.
 *
 * @param position the place a caller joining now would take (1: next to be served)
 * @param expectedWait how long such a caller would likely wait; empty when the queue knows too little
 */
public record QueueStatus(int position, Optional<Duration> expectedWait) {
}
