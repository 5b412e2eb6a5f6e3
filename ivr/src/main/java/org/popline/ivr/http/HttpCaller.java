package org.popline.ivr.http;

import java.io.IOException;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.popline.ivr.http.Exchange.Answered;
import org.popline.ivr.http.Exchange.Attempt;
import org.popline.ivr.http.Exchange.Failed;
import org.popline.ivr.http.HttpResult.Outcome;

/**
 * Sends the requests of http-request activities and applies their failure policy.
 *
 * <ul>
 *   <li>Every attempt, token included, ends within {@link HttpRequestSpec#timeout()}; a slow or
 *       trickling server is cut off, so a caller never waits in silence longer than the flow said.</li>
 *   <li>Timeouts, failed connections, 5xx and 429 are tried again {@link HttpRequestSpec#retries()}
 *       times after a short doubling backoff, or after Retry-After (in seconds) when it fits within one
 *       more timeout; when it does not, waiting would outlast what the flow allowed, so it stops.</li>
 *   <li>With a connector, a 401 makes it drop its token and the request is sent once more with a new
 *       one; that resend is not one of the retries, since an expired token is routine, not a failure.</li>
 *   <li>Other 4xx are final at once: the same request would get the same answer.</li>
 * </ul>
 *
 * <p>One instance serves every call; it is thread-safe and holds one bounded connection pool per TLS
 * context (each connector's, and the JVM's default trust for plain URLs).
 */
public final class HttpCaller implements AutoCloseable {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final SSLContext defaultTls;
    private final ClientPools pools = new ClientPools();
    private final ScheduledExecutorService watchdog;
    private final Exchange exchange;

    public HttpCaller() {
        try {
            this.defaultTls = SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM offers no default TLS context", e);
        }
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "http-request-deadline");
            t.setDaemon(true);
            return t;
        });
        this.exchange = new Exchange(watchdog);
    }

    /**
     * Sends the request, retrying as the policy above says, and reports how it ended. Never throws for
     * anything the network or the server does.
     *
     * @throws InterruptedException if the calling thread is interrupted (the call hung up) while waiting
     * @throws IllegalArgumentException for a method other than GET, POST, PUT, PATCH, DELETE, a timeout
     *                                  that is not positive or negative retries
     */
    public HttpResult execute(HttpRequestSpec spec) throws InterruptedException {
        requireValid(spec);
        long started = System.nanoTime();
        Optional<String> refusal = refusal(spec);
        if (refusal.isPresent()) {
            return new HttpResult(Outcome.ERROR, 0, "", refusal.get(), 0, since(started));
        }
        CloseableHttpClient http = pools.forContext(spec.connector().map(Connector::tls).orElse(defaultTls));
        int attempts = 0;
        int retriesLeft = spec.retries();
        boolean tokenRenewed = false;
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            long attemptEnd = System.nanoTime() + spec.timeout().toNanos();
            Optional<String> token;
            try {
                token = token(spec);
            } catch (IOException e) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while getting an access token");
                }
                return new HttpResult(Outcome.ERROR, 0, "", "no access token: " + e.getMessage(),
                        attempts, since(started));
            }
            attempts++;
            Attempt attempt = exchange.send(http, spec, token, Duration.ofNanos(attemptEnd - System.nanoTime()));
            Duration wait = backoff;
            if (attempt instanceof Answered answer) {
                int status = answer.status();
                if (status >= 200 && status < 300) {
                    return new HttpResult(Outcome.SUCCESS, status, answer.body(), "", attempts, since(started));
                }
                if (status == 401 && spec.connector().isPresent() && !tokenRenewed) {
                    spec.connector().get().tokenRejected();
                    tokenRenewed = true;
                    continue;
                }
                String detail = status + " from " + spec.method() + " " + spec.uri().getRawPath();
                if (!retryable(status) || retriesLeft == 0) {
                    return new HttpResult(Outcome.ERROR, status, answer.body(), detail, attempts, since(started));
                }
                if (answer.retryAfter().isPresent()) {
                    wait = answer.retryAfter().get();
                    if (wait.compareTo(spec.timeout()) > 0) {
                        return new HttpResult(Outcome.ERROR, status, answer.body(), detail + "; Retry-After "
                                + wait.toSeconds() + " s is longer than the " + spec.timeout().toMillis()
                                + " ms timeout", attempts, since(started));
                    }
                }
            } else {
                Failed failed = (Failed) attempt;
                if (!failed.retryable() || retriesLeft == 0) {
                    return new HttpResult(failed.timedOut() ? Outcome.TIMEOUT : Outcome.ERROR, 0, "",
                            failed.detail(), attempts, since(started));
                }
            }
            retriesLeft--;
            Thread.sleep(wait.toMillis());
            Duration doubled = backoff.multipliedBy(2);
            backoff = doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
        }
    }

    private static void requireValid(HttpRequestSpec spec) {
        if (!METHODS.contains(spec.method())) {
            throw new IllegalArgumentException("unsupported HTTP method " + spec.method());
        }
        if (spec.timeout().isNegative() || spec.timeout().isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + spec.timeout());
        }
        if (spec.retries() < 0) {
            throw new IllegalArgumentException("retries must not be negative, was " + spec.retries());
        }
    }

    /** Why the request must not be sent at all, e.g. a connector's token to a host that is not its service. */
    private static Optional<String> refusal(HttpRequestSpec spec) {
        URI uri = spec.uri();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            return Optional.of("not an absolute http or https URL");
        }
        if (spec.connector().isPresent() && !within(spec.connector().get().baseUrl(), uri)) {
            return Optional.of("refused to send the connector's token to " + scheme + "://" + uri.getRawAuthority()
                    + uri.getRawPath() + ", which is outside " + spec.connector().get().baseUrl());
        }
        return Optional.empty();
    }

    /** Whether {@code uri} is on the same origin as {@code base} and under its path, dot segments resolved. */
    private static boolean within(URI base, URI uri) {
        String path = uri.normalize().getRawPath();
        return base.getScheme().equalsIgnoreCase(uri.getScheme())
                && base.getHost().equalsIgnoreCase(uri.getHost())
                && Exchange.port(base) == Exchange.port(uri)
                && path != null && path.startsWith(base.getRawPath());
    }

    private static Optional<String> token(HttpRequestSpec spec) throws IOException {
        if (spec.connector().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(spec.connector().get().accessToken(spec.timeout()));
    }

    private static boolean retryable(int status) {
        return status >= 500 || status == 429;
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
