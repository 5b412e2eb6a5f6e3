package org.popline.queue;

import java.time.Duration;
import java.util.Optional;

/**
 * A queue as a caller about to join it would find it.
 *
 * @param position the place they would take (1: next to be served)
 * @param estimatedWait how long they would likely wait; empty when the queue knows too little
 */
public record QueueOutlook(int position, Optional<Duration> estimatedWait) {
}
