package org.popline.crm.http;

import java.time.Duration;

/**
 * How long one attempt may take and how many more attempts a failure may earn. The total is
 * bounded by the {@link Deadline} a request is sent with.
 *
 * @param attemptTimeout from connecting to the last byte of the answer; a Retry-After longer than
 *     this is not waited for either
 * @param retries attempts after the first one, for timeouts, failed connections, 5xx and 429 (the
 *     resend with a renewed token after a 401 is not one of them)
 */
public record RetryPolicy(Duration attemptTimeout, int retries) {

  public RetryPolicy {
    if (attemptTimeout.isNegative() || attemptTimeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + attemptTimeout);
    }
    if (retries < 0) {
      throw new IllegalArgumentException("retries must not be negative, was " + retries);
    }
  }

  /**
   * The budget of a request that has no deadline of its own (a flow's http-request): every attempt
   * its timeout, between attempts a wait of at most one more timeout, and one more for the token.
   */
  public Duration worstCase() {
    return attemptTimeout.multipliedBy(2L * retries + 2);
  }
}
