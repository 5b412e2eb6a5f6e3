package org.popline.crm.http;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/** Turns a rendered request into HttpClient's form, with the defaults a JSON API expects. */
final class Requests {

  private static final String JSON = "application/json";

  private Requests() {
  }

  /**
   * The request for one attempt.
   *
   * @param token the service's bearer token; it replaces any Authorization header the request set,
   *              because the credentials own authentication to their service
   */
  static HttpUriRequestBase build(HttpCall spec, Optional<String> token) {
    HttpUriRequestBase request = new HttpUriRequestBase(spec.method(), spec.uri());
    spec.headers().forEach(request::setHeader);
    if (!request.containsHeader("Accept")) {
      request.setHeader("Accept", JSON);
    }
    spec.body().ifPresent(body -> {
      if (!request.containsHeader("Content-Type")) {
        request.setHeader("Content-Type", JSON);
      }
      // No content type on the entity: the header above (or the flow's own) is sent as written,
      // whatever charset parameter it has or lacks, while the bytes are always UTF-8.
      request.setEntity(new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8), null));
    });
    token.ifPresent(t -> request.setHeader("Authorization", "Bearer " + t));
    return request;
  }
}
