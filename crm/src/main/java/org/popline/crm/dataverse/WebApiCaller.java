package org.popline.crm.dataverse;

import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.popline.crm.dataverse.LookupResult.Failed;
import org.popline.crm.dataverse.LookupResult.Found;
import org.popline.crm.dataverse.LookupResult.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends Web API GETs and applies the failure policy: one token refresh on 401, Retry-After on
 * 429/503 when it fits the budget, backoff on other 5xx and timeouts, and nothing past the
 * lookup's deadline. A request still running at the deadline is aborted, so a server that
 * trickles its answer cannot hold a caller in silence.
 */
final class WebApiCaller implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(WebApiCaller.class);
  /** Time worth having left to send one more request after a wait. */
  private static final Duration RESERVE = Duration.ofMillis(50);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

  private final URI serviceRoot;
  private final Duration responseTimeout;
  private final int maxAttempts;
  private final AccessTokens tokens;
  private final Clock clock;
  private final PoolingHttpClientConnectionManager pool;
  private final CloseableHttpClient http;
  private final ScheduledExecutorService watchdog;
  private final AtomicLong requestsSent = new AtomicLong();

  private record Raw(int status, String body, String retryAfter) {}

  WebApiCaller(DataverseSettings settings, SSLContext tls, AccessTokens tokens, Clock clock) {
    this.serviceRoot = settings.serviceRoot();
    this.responseTimeout = settings.responseTimeout();
    this.maxAttempts = settings.maxAttempts();
    this.tokens = tokens;
    this.clock = clock;
    this.pool = PoolingHttpClientConnectionManagerBuilder.create()
        .setTlsSocketStrategy(new DefaultClientTlsStrategy(tls))
        .setDefaultConnectionConfig(ConnectionConfig.custom()
            .setConnectTimeout(Timeout.of(settings.connectTimeout()))
            .setSocketTimeout(Timeout.of(settings.responseTimeout()))
            .build())
        .setMaxConnTotal(50)
        .setMaxConnPerRoute(50)
        .build();
    this.http = HttpClients.custom()
        .setConnectionManager(pool)
        .disableAutomaticRetries()
        .disableRedirectHandling()
        .build();
    this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "dataverse-deadline");
      t.setDaemon(true);
      return t;
    });
  }

  /** The body of a 2xx answer to {@code relativeUri}, or why there is none. */
  LookupResult<String> get(String relativeUri, Deadline deadline) {
    URI uri = serviceRoot.resolve(relativeUri);
    Failed<String> last = null;
    boolean refreshed = false;
    Duration backoff = FIRST_BACKOFF;
    for (int attempt = 1; attempt <= maxAttempts && !deadline.expired(); attempt++) {
      boolean lastAttempt = attempt == maxAttempts;
      Raw raw;
      try {
        raw = send(uri, tokens.token(deadline), deadline);
      } catch (TokenException e) {
        last = new Failed<>(e.reason(), e.getMessage());
        if (!e.retryable() || lastAttempt || !pause(backoff, deadline)) {
          return last;
        }
        backoff = next(backoff);
        continue;
      } catch (IOException e) {
        last = classify(e, deadline);
        if (e instanceof SSLException || lastAttempt || !pause(backoff, deadline)) {
          return last;
        }
        backoff = next(backoff);
        continue;
      }
      int status = raw.status();
      if (status >= 200 && status < 300) {
        return new Found<>(raw.body());
      }
      if (status == 401) {
        last = new Failed<>(Reason.UNAUTHORIZED, "401 " + errorText(raw));
        if (refreshed) {
          return last;
        }
        refreshed = true;
        tokens.invalidate();
        continue;
      }
      if (status == 403) {
        return new Failed<>(Reason.FORBIDDEN, "403 " + errorText(raw));
      }
      if (status < 500 && status != 429) {
        return new Failed<>(Reason.BAD_REQUEST, status + " " + errorText(raw));
      }
      Reason reason = status == 429 ? Reason.THROTTLED : Reason.SERVER_ERROR;
      last = new Failed<>(reason, status + " " + errorText(raw));
      if (lastAttempt) {
        return last;
      }
      if ((status == 429 || status == 503) && raw.retryAfter() != null) {
        Duration wait = RetryAfter.parse(raw.retryAfter(), clock.instant()).orElse(backoff);
        if (!pause(wait, deadline)) {
          return new Failed<>(reason, last.detail() + "; Retry-After " + wait.toMillis()
              + " ms does not fit the " + deadline.remaining().toMillis() + " ms left");
        }
      } else if (!pause(backoff, deadline)) {
        return last;
      } else {
        backoff = next(backoff);
      }
    }
    return last != null ? last : new Failed<>(Reason.TIMEOUT, "lookup budget exhausted");
  }

  private Raw send(URI uri, String token, Deadline deadline) throws IOException {
    HttpGet get = new HttpGet(uri);
    get.setHeader("Accept", "application/json");
    get.setHeader("OData-MaxVersion", "4.0");
    get.setHeader("OData-Version", "4.0");
    get.setHeader("If-None-Match", "null");
    // Annotations make Dataverse's error bodies carry trace text worth putting in the detail.
    get.setHeader("Prefer", "odata.include-annotations=\"*\"");
    get.setHeader("Authorization", "Bearer " + token);
    Duration left = deadline.remaining();
    get.setConfig(RequestConfig.custom()
        .setConnectionRequestTimeout(Timeout.of(left))
        .setResponseTimeout(Timeout.of(left.compareTo(responseTimeout) < 0 ? left : responseTimeout))
        .build());
    requestsSent.incrementAndGet();
    ScheduledFuture<?> abort = watchdog.schedule(get::cancel, left.toMillis(), TimeUnit.MILLISECONDS);
    long started = System.nanoTime();
    try {
      Raw raw = http.execute(get, response -> {
        Header retryAfter = response.getFirstHeader("Retry-After");
        String body = response.getEntity() == null ? ""
            : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
        return new Raw(response.getCode(), body, retryAfter == null ? null : retryAfter.getValue());
      });
      LOG.debug("GET {} -> {} in {} ms", uri.getRawPath(), raw.status(),
          (System.nanoTime() - started) / 1_000_000);
      return raw;
    } finally {
      abort.cancel(false);
    }
  }

  long requestsSent() {
    return requestsSent.get();
  }

  /** Sleeps {@code wait} if that leaves time for another request; false if it would not. */
  private static boolean pause(Duration wait, Deadline deadline) {
    if (!deadline.fits(wait, RESERVE)) {
      return false;
    }
    try {
      Thread.sleep(wait.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Duration next(Duration backoff) {
    Duration doubled = backoff.multipliedBy(2);
    return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
  }

  private static Failed<String> classify(IOException e, Deadline deadline) {
    if (deadline.expired() || e instanceof SocketTimeoutException
        || e instanceof org.apache.hc.client5.http.ConnectTimeoutException) {
      return new Failed<>(Reason.TIMEOUT, "no answer in time: " + e.getMessage());
    }
    if (e instanceof ConnectException || e instanceof UnknownHostException || e instanceof SSLException) {
      return new Failed<>(Reason.CONNECT_FAILED, e.toString());
    }
    return new Failed<>(Reason.SERVER_ERROR, "connection failed: " + e);
  }

  private static String errorText(Raw raw) {
    return ResponseParser.errorMessage(raw.body()).orElse("");
  }

  @Override
  public void close() throws IOException {
    watchdog.shutdownNow();
    http.close();
  }
}
