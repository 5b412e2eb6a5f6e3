package org.popline.crm.http;

import java.io.IOException;

/** Who we are to a service: a bearer token for its requests, renewed when the service refuses it. */
public interface Credentials {

  /**
   * A token for the next request, within {@code deadline}: a cached one at once.
   *
   * @throws IOException naming why there is none (never the secret); a {@link CredentialsException}
   *     also says whether asking again may help
   */
  String token(Deadline deadline) throws IOException;

  /** The service answered 401 to the last token: the next {@link #token} must be a fresh one. */
  void rejected();
}
