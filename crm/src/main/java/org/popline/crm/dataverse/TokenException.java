package org.popline.crm.dataverse;

import java.io.IOException;

/**
 * No access token could be had; says which lookup failure that becomes and if retrying may help.
 * The message names why (endpoint status, timeout, TLS) and never holds the secret or a token, so
 * it may go into a call trace. An IOException because getting a token is network work that callers
 * outside this package handle like any other failed request.
 */
public final class TokenException extends IOException {
  private final LookupResult.Reason reason;
  private final boolean retryable;

  TokenException(LookupResult.Reason reason, boolean retryable, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.retryable = retryable;
  }

  LookupResult.Reason reason() {
    return reason;
  }

  boolean retryable() {
    return retryable;
  }
}
