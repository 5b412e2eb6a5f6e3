package org.popline.crm.http;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.popline.crm.http.HttpOutcome.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops asking a service that keeps failing: when enough of the last requests failed the circuit
 * opens and requests fail at once ({@link Kind#CIRCUIT_OPEN}), so callers hear their message
 * without waiting out a timeout; after {@code openFor} one probe goes through, and its answer
 * closes the circuit or opens it again. One request is one record, its retries included. Only the
 * service's own failures count: a 400 or 403 is our configuration's fault and would be answered
 * the same by a healthy service.
 */
public final class RequestBreaker {
  private static final Logger LOG = LoggerFactory.getLogger(RequestBreaker.class);
  private static final Set<Kind> SERVICE_FAILURES = EnumSet.of(Kind.TIMEOUT, Kind.SERVER_ERROR,
      Kind.CONNECT_FAILED, Kind.THROTTLED, Kind.UNAUTHORIZED, Kind.BAD_RESPONSE);

  private final String service;
  private final CircuitBreaker breaker;

  /** The service failed a request; carries the kind to the breaker's record. */
  private static final class ServiceFailure extends Exception {
    ServiceFailure(Kind kind) {
      super(kind.name(), null, false, false);
    }
  }

  /**
   * @param window the last this many requests are judged
   * @param minimumCalls no judgement before this many requests
   * @param failureRatePercent the circuit opens when at least this share of the window failed
   * @param openFor how long it stays open before one probe is let through
   */
  public RequestBreaker(String service, int window, int minimumCalls, float failureRatePercent, Duration openFor) {
    CircuitBreakerConfig config = CircuitBreakerConfig.custom()
        .slidingWindowType(SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(window)
        .minimumNumberOfCalls(minimumCalls)
        .failureRateThreshold(failureRatePercent)
        .waitDurationInOpenState(openFor)
        .permittedNumberOfCallsInHalfOpenState(1)
        .recordExceptions(ServiceFailure.class)
        .build();
    this.service = service;
    this.breaker = CircuitBreaker.of(service, config);
    breaker.getEventPublisher().onStateTransition(e -> LOG.warn("{} circuit {} -> {}", service,
        e.getStateTransition().getFromState(), e.getStateTransition().getToState()));
  }

  /** Why a request was not sent. */
  String openDetail() {
    return "circuit open: the " + service + " failed too often lately";
  }

  /** Whether a request may go out now; if it may, exactly one of the methods below must follow. */
  boolean permit() {
    return breaker.tryAcquirePermission();
  }

  /** The request ended as {@code outcome}, {@code nanos} after it was permitted. */
  void record(HttpOutcome outcome, long nanos) {
    if (SERVICE_FAILURES.contains(outcome.kind())) {
      breaker.onError(nanos, TimeUnit.NANOSECONDS, new ServiceFailure(outcome.kind()));
    } else {
      breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
    }
  }

  /** The request was abandoned (the call hung up): it says nothing about the service. */
  void release() {
    breaker.releasePermission();
  }

  /** The circuit's state (CLOSED, OPEN, HALF_OPEN), for health views and tests. */
  public String state() {
    return breaker.getState().name();
  }
}
