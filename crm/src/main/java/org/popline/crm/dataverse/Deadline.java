package org.popline.crm.dataverse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The end of one lookup's time budget; every wait inside the lookup is cut to fit it. */
final class Deadline {
  private final Clock clock;
  private final Instant end;

  private Deadline(Clock clock, Instant end) {
    this.clock = clock;
    this.end = end;
  }

  static Deadline after(Duration budget, Clock clock) {
    return new Deadline(clock, clock.instant().plus(budget));
  }

  Duration remaining() {
    Duration left = Duration.between(clock.instant(), end);
    return left.isNegative() ? Duration.ZERO : left;
  }

  boolean expired() {
    return remaining().isZero();
  }

  /** Whether waiting {@code wait} still leaves {@code reserve} for the request that follows. */
  boolean fits(Duration wait, Duration reserve) {
    return wait.plus(reserve).compareTo(remaining()) < 0;
  }
}
