package org.popline.crm.http;

import java.io.IOException;

/** No token could be had: which failure that is and whether asking again may help. */
public class CredentialsException extends IOException {
  private final HttpOutcome.Kind kind;
  private final boolean retryable;

  public CredentialsException(HttpOutcome.Kind kind, boolean retryable, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.retryable = retryable;
  }

  public HttpOutcome.Kind kind() {
    return kind;
  }

  public boolean retryable() {
    return retryable;
  }
}
