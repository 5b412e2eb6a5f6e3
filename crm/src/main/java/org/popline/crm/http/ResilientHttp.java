package org.popline.crm.http;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import org.popline.crm.http.Exchange.Answered;
import org.popline.crm.http.Exchange.Attempt;
import org.popline.crm.http.Exchange.Failed;
import org.popline.crm.http.HttpOutcome.Kind;

/**
 * Sends requests and applies the one failure policy Popline has for HTTP: the CRM's caller lookup
 * and the flows' http-request activities (to the CRM or to any URL) all go through here.
 *
 * <ul>
 *   <li>Nothing outlasts the request's {@link Deadline}; within it each attempt has at most the
 *       policy's timeout, from connecting to the last byte, enforced by a watchdog that aborts the
 *       request (socket timeouts bound each read, not a server trickling its body).</li>
 *   <li>Timeouts, failed connections, 5xx and 429 are tried again {@link RetryPolicy#retries()} times
 *       after a short doubling backoff; on 429 and 503 after Retry-After instead, when it is no
 *       longer than one attempt's timeout and fits the deadline. When it does not, waiting would
 *       outlast what the caller allowed, so it stops at once.</li>
 *   <li>With credentials, a 401 makes them renew the token and the request is sent once more; that
 *       resend is not one of the retries, since an expired token is routine, not a failure. A token
 *       that cannot be had is retried like a failed request when its failure says it may help.</li>
 *   <li>Other 4xx (and TLS failures, protocol errors, oversized answers) are final at once.</li>
 *   <li>With a circuit breaker, an open circuit fails the request before anything is sent, and each
 *       request's end (its retries included) is one record.</li>
 * </ul>
 *
 * <p>Thread-safe; one instance serves many calls, with a bounded connection pool per TLS context.
 */
public final class ResilientHttp implements Closeable {

  /** Time worth having left to send one more request after a wait. */
  private static final Duration RESERVE = Duration.ofMillis(50);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

  private final ClientPools pools;
  private final ScheduledExecutorService watchdog;
  private final Exchange exchange;
  private final AtomicLong attemptsSent = new AtomicLong();

  /**
   * @param name names the watchdog thread
   * @param connectTimeout the most opening a connection may take, whatever time an attempt has left
   * @param readTimeout the most the server may stay silent within an attempt, so that a stalled
   *     answer leaves time for a retry in an attempt as long as the whole deadline
   */
  public ResilientHttp(String name, Duration connectTimeout, Duration readTimeout) {
    this.pools = new ClientPools(connectTimeout, readTimeout);
    ScheduledThreadPoolExecutor deadlines = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, name + "-deadline");
      t.setDaemon(true);
      return t;
    });
    // Most requests answer in time and cancel their deadline: without this each one, and the request
    // it refers to, would stay queued until the deadline passed.
    deadlines.setRemoveOnCancelPolicy(true);
    this.watchdog = deadlines;
    this.exchange = new Exchange(watchdog, readTimeout);
  }

  /**
   * Sends the request to {@code service} as the policy above says and reports how it ended. Never
   * throws for anything the network, the token endpoint or the server does.
   *
   * @throws InterruptedException if the calling thread is interrupted (the call hung up) while waiting
   */
  public HttpOutcome send(HttpCall call, RetryPolicy policy, Deadline deadline, Service service)
      throws InterruptedException {
    long started = System.nanoTime();
    Optional<RequestBreaker> breaker = service.breaker();
    if (breaker.isPresent() && !breaker.get().permit()) {
      return new HttpOutcome(Kind.CIRCUIT_OPEN, 0, "", breaker.get().openDetail(), 0,
          since(started));
    }
    HttpOutcome outcome;
    try {
      outcome = new Attempts(call, policy, deadline, service, started).run();
    } catch (InterruptedException | RuntimeException e) {
      breaker.ifPresent(RequestBreaker::release);
      throw e;
    }
    breaker.ifPresent(b -> b.record(outcome, System.nanoTime() - started));
    return outcome;
  }

  /** Requests sent so far (retries and 401 resends included, token requests not): what calls cost. */
  public long attemptsSent() {
    return attemptsSent.get();
  }

  /** One request's attempts, and what they have learnt so far. */
  private final class Attempts {
    private final HttpCall call;
    private final RetryPolicy policy;
    private final Deadline deadline;
    private final Service service;
    private final long started;
    private int attempts;
    private int retriesLeft;
    private boolean tokenRenewed;
    private Duration backoff = FIRST_BACKOFF;

    Attempts(HttpCall call, RetryPolicy policy, Deadline deadline, Service service, long started) {
      this.call = call;
      this.policy = policy;
      this.deadline = deadline;
      this.service = service;
      this.started = started;
      this.retriesLeft = policy.retries();
    }

    HttpOutcome run() throws InterruptedException {
      HttpOutcome last = outcome(Kind.TIMEOUT, 0, "", "the " + deadline.budget().toMillis() + " ms budget ran out");
      while (!deadline.expired()) {
        Optional<String> token;
        try {
          token = token();
        } catch (IOException e) {
          if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while getting an access token");
          }
          last = outcome(kindOf(e), 0, "", "no access token: " + e.getMessage());
          if (!(e instanceof CredentialsException c && c.retryable()) || !retryAfter(backoff)) {
            return last;
          }
          continue;
        }
        Duration left = deadline.remaining();
        boolean cutByDeadline = left.compareTo(policy.attemptTimeout()) < 0;
        String noAnswer = cutByDeadline ? "no answer in the " + left.toMillis() + " ms left of the budget"
            : "no answer in " + policy.attemptTimeout().toMillis() + " ms";
        attempts++;
        attemptsSent.incrementAndGet();
        Attempt attempt = exchange.send(pools.forContext(service.tls()), call, token,
            cutByDeadline ? left : policy.attemptTimeout(), noAnswer);
        if (attempt instanceof Failed failed) {
          last = outcome(failed.kind(), 0, "", failed.detail());
          if (!failed.retryable() || !retryAfter(backoff)) {
            return last;
          }
          continue;
        }
        Answered answer = (Answered) attempt;
        int status = answer.status();
        if (status >= 200 && status < 300) {
          return outcome(Kind.SUCCESS, status, answer.body(), "");
        }
        if (status == 401 && service.credentials().isPresent() && !tokenRenewed) {
          service.credentials().get().rejected();
          tokenRenewed = true;
          continue;
        }
        String detail = status + " from " + call.method() + " " + call.uri().getRawPath();
        last = outcome(kindOf(status), status, answer.body(), detail);
        if (!(status >= 500 || status == 429) || retriesLeft == 0) {
          return last;
        }
        Optional<Duration> asked = status == 429 || status == 503 ? answer.retryAfter() : Optional.empty();
        if (asked.isPresent()) {
          Optional<String> refusal = refuseToWait(asked.get());
          if (refusal.isPresent()) {
            return outcome(last.kind(), status, answer.body(), detail + "; " + refusal.get());
          }
          retriesLeft--;
          Thread.sleep(asked.get().toMillis());
        } else if (!retryAfter(backoff)) {
          return last;
        }
      }
      return last;
    }

    private Optional<String> token() throws IOException {
      if (service.credentials().isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(service.credentials().get().token(deadline));
    }

    /** Spends a retry and waits {@code wait} before it, if a retry is left and the wait fits the deadline. */
    private boolean retryAfter(Duration wait) throws InterruptedException {
      if (retriesLeft == 0 || !deadline.fits(wait, RESERVE)) {
        return false;
      }
      retriesLeft--;
      Thread.sleep(wait.toMillis());
      Duration doubled = backoff.multipliedBy(2);
      backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
      return true;
    }

    /** Why a server's Retry-After is not waited for, if it is not. */
    private Optional<String> refuseToWait(Duration wait) {
      if (wait.compareTo(policy.attemptTimeout()) > 0) {
        return Optional.of("Retry-After " + wait.toSeconds() + " s is longer than the "
            + policy.attemptTimeout().toMillis() + " ms timeout");
      }
      if (!deadline.fits(wait, RESERVE)) {
        return Optional.of("Retry-After " + wait.toMillis() + " ms does not fit the "
            + deadline.remaining().toMillis() + " ms left");
      }
      return Optional.empty();
    }

    private HttpOutcome outcome(Kind kind, int status, String body, String detail) {
      return new HttpOutcome(kind, status, body, detail, attempts, since(started));
    }
  }

  private static Kind kindOf(IOException tokenFailure) {
    return tokenFailure instanceof CredentialsException c ? c.kind() : Kind.UNAUTHORIZED;
  }

  private static Kind kindOf(int status) {
    if (status == 401) {
      return Kind.UNAUTHORIZED;
    }
    if (status == 403) {
      return Kind.FORBIDDEN;
    }
    if (status == 429) {
      return Kind.THROTTLED;
    }
    return status >= 500 ? Kind.SERVER_ERROR : Kind.CLIENT_ERROR;
  }

  private static Duration since(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
    pools.close();
  }
}
