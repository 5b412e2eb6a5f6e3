package org.popline.crm.http;

import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * Where a request goes, as far as failure handling cares: whom to trust for TLS, the credentials
 * that authenticate to it (renewed once on a 401), and the circuit breaker all its requests share.
 * A plain URL has the JVM's trust and neither of the others.
 */
public record Service(SSLContext tls, Optional<Credentials> credentials, Optional<RequestBreaker> breaker) {

  public Service {
    Objects.requireNonNull(tls, "tls");
  }

  /** A service reached with {@code tls} and nothing else. */
  public static Service plain(SSLContext tls) {
    return new Service(tls, Optional.empty(), Optional.empty());
  }
}
