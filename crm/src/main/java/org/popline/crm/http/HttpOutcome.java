package org.popline.crm.http;

import java.time.Duration;

/**
 * How a request ended, after its retries.
 *
 * @param status the last HTTP status, or 0 when no answer came
 * @param body the last answer's body, empty when there was none
 * @param detail why it failed, for the call trace ("503 from GET /api/data/v9.2/contacts", "no
 *     answer in 2000 ms"); empty on success; never a token or the query string
 * @param attempts requests sent, the resend with a renewed token after a 401 included; 0 when none
 *     could be (no token, circuit open)
 * @param took from the call to the result, token, backoff and Retry-After waits included
 */
public record HttpOutcome(Kind kind, int status, String body, String detail, int attempts, Duration took) {

  /** What became of the request; coarse enough to branch on, the detail says the rest. */
  public enum Kind {
    /** A 2xx answer. */
    SUCCESS,
    /** The last attempt got no complete answer in its time, or the deadline ran out. */
    TIMEOUT,
    /** No connection: refused, unknown host, TLS handshake. */
    CONNECT_FAILED,
    /** 5xx, or the connection dropped without an answer. */
    SERVER_ERROR,
    /** 429 that retries and Retry-After did not get past. */
    THROTTLED,
    /** 401 after one renewal, or no token: the credentials were refused. */
    UNAUTHORIZED,
    /** 403. */
    FORBIDDEN,
    /** Another 4xx: the same request would get the same answer. */
    CLIENT_ERROR,
    /** Not HTTP as expected (protocol error) or an answer too large to hold. */
    BAD_RESPONSE,
    /** Not sent: the service failed too often lately and its circuit breaker is open. */
    CIRCUIT_OPEN
  }

  public boolean succeeded() {
    return kind == Kind.SUCCESS;
  }
}
