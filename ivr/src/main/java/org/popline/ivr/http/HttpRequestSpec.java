package org.popline.ivr.http;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One request as an http-request activity has rendered it: every template already filled in and
 * the query string already on the URI.
 *
 * @param connector when present, supplies the Authorization header and TLS trust
 * @param timeout how long each attempt may take, from connecting to the last byte of the body
 * @param retries how many more attempts after a timeout, a connection failure or a 5xx / 429
 */
public record HttpRequestSpec(
        String method,
        URI uri,
        Map<String, String> headers,
        Optional<String> body,
        Duration timeout,
        int retries,
        Optional<Connector> connector) {

    public HttpRequestSpec {
        headers = Map.copyOf(headers);
    }
}
