package org.popline.crm.dataverse;

import java.util.List;

/**
 * The outcome of one CRM lookup. Sealed so a flow's switch must handle every branch: a caller
 * is never left waiting because an error path was forgotten.
 */
public sealed interface LookupResult<T>
    permits LookupResult.Found, LookupResult.NotFound, LookupResult.Ambiguous, LookupResult.Failed {

  /** Why a lookup failed; coarse enough to branch on, the detail says the rest. */
  enum Reason {
    /** Credentials refused, or a fresh token still got 401. */
    UNAUTHORIZED,
    /** Authenticated but not allowed (an application user without a security role). */
    FORBIDDEN,
    /** 429, and the server's Retry-After did not fit the lookup's time budget. */
    THROTTLED,
    /** The lookup's time budget ran out. */
    TIMEOUT,
    /** 5xx (503 included) that retries within the budget did not get past. */
    SERVER_ERROR,
    /** 400 or 404: our query or configuration is wrong; retrying cannot help. */
    BAD_REQUEST,
    /** The answer was not the JSON shape the Web API documents. */
    BAD_RESPONSE,
    /** No connection could be made (refused, unknown host, TLS handshake). */
    CONNECT_FAILED,
    /** Not asked: the CRM failed too often lately and the circuit breaker is open. */
    UNAVAILABLE
  }

  record Found<T>(T value) implements LookupResult<T> {}

  record NotFound<T>() implements LookupResult<T> {}

  record Ambiguous<T>(List<T> candidates) implements LookupResult<T> {
    public Ambiguous {
      candidates = List.copyOf(candidates);
    }
  }

  record Failed<T>(Reason reason, String detail) implements LookupResult<T> {}

  /** True for answers the CRM actually gave, which are worth caching. */
  default boolean isAnswer() {
    return !(this instanceof Failed);
  }
}
