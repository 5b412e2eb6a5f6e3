package org.popline.crm.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt of a request: sent, answered and read within its time, or failed with the reason.
 * Public only for its limit and its log, which callers' tests read.
 *
 * <p>The time is enforced by a watchdog that aborts the request, because socket timeouts bound each
 * read, not the whole exchange: a server trickling its body a byte at a time never trips them.
 */
public final class Exchange {

  private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);
  /** A flow keeps the answer in memory to read outputs from; a runaway server must not fill the heap. */
  public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  /** How one attempt ended. */
  sealed interface Attempt permits Answered, Failed {
  }

  /** @param retryAfter the Retry-After header's wait, in seconds or as an HTTP-date */
  record Answered(int status, String body, Optional<Duration> retryAfter) implements Attempt {
  }

  /** @param retryable whether another attempt might fare better (a refused connection may; bad TLS will not) */
  record Failed(HttpOutcome.Kind kind, boolean retryable, String detail) implements Attempt {
  }

  private final ScheduledExecutorService watchdog;
  private final Duration readTimeout;

  /** @param readTimeout the most the server may stay silent, when the attempt has longer than that */
  Exchange(ScheduledExecutorService watchdog, Duration readTimeout) {
    this.watchdog = watchdog;
    this.readTimeout = readTimeout;
  }

  /**
   * Sends {@code call} once and reads the whole answer, giving up after {@code left}.
   *
   * @param noAnswer the detail should no answer come in time
   * @throws InterruptedException if the calling thread was interrupted while waiting for a connection
   */
  Attempt send(CloseableHttpClient http, HttpCall call, Optional<String> token, Duration left, String noAnswer)
      throws InterruptedException {
    if (left.toMillis() < 1) {
      // A zero Timeout means "no limit" to HttpClient.
      return new Failed(HttpOutcome.Kind.TIMEOUT, true, noAnswer);
    }
    HttpUriRequestBase request = Requests.build(call, token);
    request.setConfig(RequestConfig.custom()
        .setConnectionRequestTimeout(Timeout.of(left))
        .setResponseTimeout(Timeout.of(left.compareTo(readTimeout) < 0 ? left : readTimeout))
        .build());
    AtomicBoolean expired = new AtomicBoolean();
    ScheduledFuture<?> abort = watchdog.schedule(() -> {
      expired.set(true);
      request.cancel();
    }, left.toNanos(), TimeUnit.NANOSECONDS);
    long started = System.nanoTime();
    Attempt attempt;
    try {
      attempt = http.execute(request, response -> read(response, request));
    } catch (IOException e) {
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted during " + call.method() + " " + call.uri().getRawPath());
      }
      attempt = expired.get() || e instanceof InterruptedIOException
          ? new Failed(HttpOutcome.Kind.TIMEOUT, true, noAnswer)
          : failure(e, call.uri());
    } catch (IllegalStateException e) {
      if (!expired.get()) {
        throw e;
      }
      // The watchdog's cancel raced the client releasing the connection ("Endpoint not acquired /
      // already released"): the attempt ran out of time all the same.
      attempt = new Failed(HttpOutcome.Kind.TIMEOUT, true, noAnswer);
    } finally {
      abort.cancel(false);
    }
    LOG.debug("{} {} -> {} in {} ms", call.method(), call.uri().getRawPath(),
        attempt instanceof Answered answered ? answered.status() : ((Failed) attempt).detail(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    return attempt;
  }

  private static Attempt read(ClassicHttpResponse response, HttpUriRequestBase request) throws IOException {
    HttpEntity entity = response.getEntity();
    String body = entity == null ? "" : text(entity, request);
    Header retryAfter = response.getFirstHeader("Retry-After");
    return new Answered(response.getCode(), body,
        RetryAfter.parse(retryAfter == null ? null : retryAfter.getValue(), Instant.now()));
  }

  private static String text(HttpEntity entity, HttpUriRequestBase request) throws IOException {
    InputStream in = entity.getContent();
    if (in == null) {
      return "";
    }
    byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    if (bytes.length > MAX_BODY_BYTES) {
      // Closing the stream would first read the rest of the oversized body; dropping the connection does not.
      request.cancel();
      throw new BodyTooLarge();
    }
    ContentType type = ContentType.parseLenient(entity.getContentType());
    Charset charset = type == null || type.getCharset() == null ? StandardCharsets.UTF_8 : type.getCharset();
    return new String(bytes, charset);
  }

  private static Failed failure(IOException e, URI uri) {
    String endpoint = uri.getHost() + ":" + HttpCall.port(uri);
    if (e instanceof BodyTooLarge) {
      return new Failed(HttpOutcome.Kind.BAD_RESPONSE, false, e.getMessage());
    }
    if (e instanceof ConnectException) {
      String why = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      return new Failed(HttpOutcome.Kind.CONNECT_FAILED, true, why.contains("refused")
          ? "connection refused by " + endpoint
          : "cannot connect to " + endpoint);
    }
    if (e instanceof UnknownHostException) {
      return new Failed(HttpOutcome.Kind.CONNECT_FAILED, true, "unknown host " + uri.getHost());
    }
    if (e instanceof SSLException) {
      return new Failed(HttpOutcome.Kind.CONNECT_FAILED, false, "TLS with " + endpoint + " failed: " + e.getMessage());
    }
    if (e instanceof ClientProtocolException) {
      return new Failed(HttpOutcome.Kind.BAD_RESPONSE, false, "bad HTTP exchange with " + endpoint + ": " + e.getMessage());
    }
    if (e instanceof NoHttpResponseException) {
      return new Failed(HttpOutcome.Kind.SERVER_ERROR, true, endpoint + " closed the connection without answering");
    }
    return new Failed(HttpOutcome.Kind.SERVER_ERROR, true, "connection to " + endpoint + " failed: " + e);
  }

  /** The answer's body is larger than a flow should hold. */
  private static final class BodyTooLarge extends IOException {
    BodyTooLarge() {
      super("answer body larger than " + MAX_BODY_BYTES / (1024 * 1024) + " MiB");
    }
  }
}
