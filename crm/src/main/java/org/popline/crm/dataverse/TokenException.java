package org.popline.crm.dataverse;

/** No access token could be had; says which lookup failure that becomes and if retrying may help. */
final class TokenException extends Exception {
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
