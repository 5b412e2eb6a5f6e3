package org.popline.crm.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The end of a time budget (one caller lookup, or one flow request with its retries); every wait
 * and every attempt inside it is cut to fit it.
 */
public final class Deadline {
  private final Clock clock;
  private final Duration budget;
  private final Instant end;

  private Deadline(Clock clock, Duration budget) {
    this.clock = clock;
    this.budget = budget;
    this.end = clock.instant().plus(budget);
  }

  public static Deadline after(Duration budget, Clock clock) {
    return new Deadline(clock, budget);
  }

  /** The whole budget, as it was when the deadline was set. */
  public Duration budget() {
    return budget;
  }

  public Duration remaining() {
    Duration left = Duration.between(clock.instant(), end);
    return left.isNegative() ? Duration.ZERO : left;
  }

  public boolean expired() {
    return remaining().isZero();
  }

  /** Whether waiting {@code wait} still leaves {@code reserve} for the request that follows. */
  public boolean fits(Duration wait, Duration reserve) {
    return wait.plus(reserve).compareTo(remaining()) < 0;
  }
}
