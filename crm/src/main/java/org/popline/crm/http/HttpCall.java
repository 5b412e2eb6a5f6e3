package org.popline.crm.http;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * One request, ready to send: every template already rendered and the query string on the URI.
 * What to do when it fails is the {@link RetryPolicy}'s business, not the request's.
 *
 * @param headers sent as given; {@code Accept} and, with a body, {@code Content-Type} default to JSON
 * @param body sent as UTF-8
 */
public record HttpCall(String method, URI uri, Map<String, String> headers, Optional<String> body) {

  public HttpCall {
    headers = Map.copyOf(headers);
  }

  /** A GET with these headers and no body. */
  public static HttpCall get(URI uri, Map<String, String> headers) {
    return new HttpCall("GET", uri, headers, Optional.empty());
  }

  /** The port {@code uri} means: its own, or its scheme's default. */
  public static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }
}
