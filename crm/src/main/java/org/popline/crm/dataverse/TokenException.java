package org.popline.crm.dataverse;

import org.popline.crm.http.CredentialsException;
import org.popline.crm.http.HttpOutcome.Kind;

/**
 * No access token could be had; says which failure that is and if retrying may help. The message
 * names why (endpoint status, timeout, TLS) and never holds the secret or a token, so it may go
 * into a call trace. An IOException because getting a token is network work that callers outside
 * this package handle like any other failed request.
 */
public final class TokenException extends CredentialsException {
  TokenException(Kind kind, boolean retryable, String message, Throwable cause) {
    super(kind, retryable, message, cause);
  }
}
