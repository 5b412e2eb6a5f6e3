package org.popline.crm.dataverse;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.popline.crm.dataverse.LookupResult.Failed;
import org.popline.crm.dataverse.LookupResult.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops asking a CRM that keeps failing: when enough of the last requests failed the circuit
 * opens and requests fail at once ({@link Reason#UNAVAILABLE}), so callers hear their message
 * without waiting out the budget; after {@code openFor} one probe goes through, and its answer
 * closes the circuit or opens it again. Only the CRM's own failures count: a 400 or 403 is our
 * configuration's fault and would be answered the same by a healthy org.
 */
final class CrmBreaker {
  private static final Logger LOG = LoggerFactory.getLogger(CrmBreaker.class);
  private static final Set<Reason> CRM_FAILURES = EnumSet.of(Reason.TIMEOUT, Reason.SERVER_ERROR,
      Reason.CONNECT_FAILED, Reason.THROTTLED, Reason.UNAUTHORIZED, Reason.BAD_RESPONSE);

  private final CircuitBreaker breaker;

  /** The CRM failed a request; carries the reason to the breaker's record. */
  private static final class CrmFailure extends Exception {
    CrmFailure(Reason reason) {
      super(reason.name(), null, false, false);
    }
  }

  CrmBreaker(BreakerSettings settings) {
    CircuitBreakerConfig config = CircuitBreakerConfig.custom()
        .slidingWindowType(SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(settings.window())
        .minimumNumberOfCalls(settings.minimumCalls())
        .failureRateThreshold(settings.failureRatePercent())
        .waitDurationInOpenState(settings.openFor())
        .permittedNumberOfCallsInHalfOpenState(1)
        .recordExceptions(CrmFailure.class)
        .build();
    this.breaker = CircuitBreaker.of("dataverse", config);
    breaker.getEventPublisher().onStateTransition(e ->
        LOG.warn("CRM circuit {} -> {}", e.getStateTransition().getFromState(),
            e.getStateTransition().getToState()));
  }

  /** The request's answer, or UNAVAILABLE at once while the circuit is open. */
  <T> LookupResult<T> call(Supplier<LookupResult<T>> request) {
    if (!breaker.tryAcquirePermission()) {
      return new Failed<>(Reason.UNAVAILABLE, "circuit open: the CRM failed too often lately");
    }
    long started = System.nanoTime();
    LookupResult<T> result;
    try {
      result = request.get();
    } catch (RuntimeException e) {
      breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
      throw e;
    }
    long took = System.nanoTime() - started;
    if (result instanceof Failed<T> failed && CRM_FAILURES.contains(failed.reason())) {
      breaker.onError(took, TimeUnit.NANOSECONDS, new CrmFailure(failed.reason()));
    } else {
      breaker.onSuccess(took, TimeUnit.NANOSECONDS);
    }
    return result;
  }

  String state() {
    return breaker.getState().name();
  }
}
