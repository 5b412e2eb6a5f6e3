package org.popline.ivr.http;

import java.time.Duration;

/**
 * How a request ended, after its retries.
 *
 * @param status the last HTTP status, or 0 when no answer came
 * @param body the last answer's body, empty when there was none
 * @param detail why it failed, for the call trace ("503 from GET /api/data/v9.2/contacts", "no answer in
 *     2000 ms"); empty on success
 * @param attempts requests sent, the resend with a renewed token after a 401 included; 0 when none
 *     could be (no token, a URL outside the connector's service)
 * @param took from the call to the result, backoff and Retry-After waits included
 */
public record HttpResult(Outcome outcome, int status, String body, String detail, int attempts, Duration took) {

    public enum Outcome {
        /** A 2xx answer. */
        SUCCESS,
        /** Another status, a refused connection, a TLS failure, no token. */
        ERROR,
        /** The last attempt got no complete answer within the timeout. */
        TIMEOUT
    }
}
