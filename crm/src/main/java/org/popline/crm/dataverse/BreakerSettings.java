package org.popline.crm.dataverse;

import java.time.Duration;

/**
 * When to stop asking a failing CRM.
 *
 * @param window the last this many Web API requests are judged
 * @param minimumCalls no judgement before this many requests
 * @param failureRatePercent the circuit opens when at least this share of the window failed
 * @param openFor how long it stays open before one probe is let through
 */
public record BreakerSettings(int window, int minimumCalls, float failureRatePercent, Duration openFor) {
  public static final BreakerSettings DEFAULT = new BreakerSettings(10, 5, 50, Duration.ofSeconds(30));

  public BreakerSettings {
    if (window < 1 || minimumCalls < 1 || failureRatePercent <= 0 || failureRatePercent > 100) {
      throw new IllegalArgumentException("circuit breaker: window and minimum calls must be at least 1,"
          + " failure rate in (0, 100]");
    }
    if (openFor.isNegative() || openFor.isZero()) {
      throw new IllegalArgumentException("circuit breaker: open-for must be positive");
    }
  }
}
