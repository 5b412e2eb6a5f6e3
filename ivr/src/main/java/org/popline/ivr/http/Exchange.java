package org.popline.ivr.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 *
 * <p>The time is enforced by a watchdog that aborts the request, because socket timeouts bound each
 * read, not the whole exchange: a server trickling its body a byte at a time never trips them.
 */
final class Exchange {

    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);
    /** A flow keeps the answer in memory to read outputs from; a runaway server must not fill the heap. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    /** How one attempt ended. */
    sealed interface Attempt permits Answered, Failed {
    }

    /** @param retryAfter the Retry-After header when it gives seconds (an HTTP-date is ignored) */
    record Answered(int status, String body, Optional<Duration> retryAfter) implements Attempt {
    }

    /** @param retryable whether another attempt might fare better (a refused connection may; bad TLS will not) */
    record Failed(boolean timedOut, boolean retryable, String detail) implements Attempt {
    }

    private final ScheduledExecutorService watchdog;

    Exchange(ScheduledExecutorService watchdog) {
        this.watchdog = watchdog;
    }

    /**
     * Sends {@code spec} once and reads the whole answer, giving up after {@code left}.
     *
     * @throws InterruptedException if the calling thread was interrupted while waiting for a connection
     */
    Attempt send(CloseableHttpClient http, HttpRequestSpec spec, Optional<String> token, Duration left)
            throws InterruptedException {
        String noAnswer = "no answer in " + spec.timeout().toMillis() + " ms";
        if (left.toMillis() < 1) {
            // Getting the token took the whole attempt; also, a zero Timeout means "no limit" to HttpClient.
            return new Failed(true, true, noAnswer);
        }
        HttpUriRequestBase request = Requests.build(spec, token);
        request.setConfig(RequestConfig.custom()
                .setConnectionRequestTimeout(Timeout.of(left))
                .setResponseTimeout(Timeout.of(left))
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
                throw new InterruptedException("interrupted during " + spec.method() + " " + spec.uri().getRawPath());
            }
            attempt = expired.get() || e instanceof InterruptedIOException
                    ? new Failed(true, true, noAnswer)
                    : failure(e, spec.uri());
        } finally {
            abort.cancel(false);
        }
        LOG.debug("{} {} -> {} in {} ms", spec.method(), spec.uri().getRawPath(),
                attempt instanceof Answered answered ? answered.status() : ((Failed) attempt).detail(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return attempt;
    }

    private static Attempt read(ClassicHttpResponse response, HttpUriRequestBase request) throws IOException {
        HttpEntity entity = response.getEntity();
        String body = entity == null ? "" : text(entity, request);
        return new Answered(response.getCode(), body, retryAfterSeconds(response.getFirstHeader("Retry-After")));
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

    static Optional<Duration> retryAfterSeconds(Header header) {
        if (header == null) {
            return Optional.empty();
        }
        try {
            long seconds = Long.parseLong(header.getValue().trim());
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException httpDate) {
            return Optional.empty();
        }
    }

    private static Failed failure(IOException e, URI uri) {
        String endpoint = uri.getHost() + ":" + port(uri);
        if (e instanceof BodyTooLarge) {
            return new Failed(false, false, e.getMessage());
        }
        if (e instanceof ConnectException) {
            String why = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            return new Failed(false, true, why.contains("refused")
                    ? "connection refused by " + endpoint
                    : "cannot connect to " + endpoint);
        }
        if (e instanceof UnknownHostException) {
            return new Failed(false, true, "unknown host " + uri.getHost());
        }
        if (e instanceof SSLException) {
            return new Failed(false, false, "TLS with " + endpoint + " failed: " + e.getMessage());
        }
        if (e instanceof ClientProtocolException) {
            return new Failed(false, false, "bad HTTP exchange with " + endpoint + ": " + e.getMessage());
        }
        if (e instanceof NoHttpResponseException) {
            return new Failed(false, true, endpoint + " closed the connection without answering");
        }
        return new Failed(false, true, "connection to " + endpoint + " failed: " + e);
    }

    static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** The answer's body is larger than a flow should hold. */
    private static final class BodyTooLarge extends IOException {
        BodyTooLarge() {
            super("answer body larger than " + MAX_BODY_BYTES / (1024 * 1024) + " MiB");
        }
    }
}
