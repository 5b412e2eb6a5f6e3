package org.popline.ivr.http;

import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.popline.crm.http.Deadline;
import org.popline.crm.http.HttpCall;
import org.popline.crm.http.HttpOutcome;
import org.popline.crm.http.ResilientHttp;
import org.popline.crm.http.RetryPolicy;
import org.popline.crm.http.Service;
import org.popline.ivr.http.HttpResult.Outcome;

/**
 * Sends the requests of http-request activities. What happens on failure (per-attempt timeout,
 * which failures are retried, Retry-After, token renewal on 401, the circuit breaker) is
 * {@link ResilientHttp}'s one policy, the same the CRM's caller lookup runs under: here the
 * activity's {@code timeout} is each attempt's, its {@code retries} the retries, and
 * {@link RetryPolicy#worstCase()} the deadline. A request to a connector goes to the connector's
 * {@link Service} (the CRM's shares the lookups' token and breaker); a plain URL to the JVM's trust.
 *
 * <p>One instance serves every call; it is thread-safe and holds one bounded connection pool per TLS
 * context.
 */
public final class HttpCaller implements AutoCloseable {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    /**
     * Only a backstop for connecting and reading: each attempt's own timeout cuts it shorter, but a
     * socket should never wait unbounded if that ever failed.
     */
    private static final Duration BACKSTOP = Duration.ofSeconds(60);

    private final Service plain;
    private final ResilientHttp http = new ResilientHttp("http-request", BACKSTOP, BACKSTOP);
    private final Clock clock = Clock.systemUTC();

    public HttpCaller() {
        try {
            this.plain = Service.plain(SSLContext.getDefault());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM offers no default TLS context", e);
        }
    }

    /**
     * Sends the request and reports how it ended. Never throws for anything the network or the
     * server does.
     *
     * @throws InterruptedException if the calling thread is interrupted (the call hung up) while waiting
     * @throws IllegalArgumentException for a method other than GET, POST, PUT, PATCH, DELETE, a timeout
     *                                  that is not positive or negative retries
     */
    public HttpResult execute(HttpRequestSpec spec) throws InterruptedException {
        if (!METHODS.contains(spec.method())) {
            throw new IllegalArgumentException("unsupported HTTP method " + spec.method());
        }
        RetryPolicy policy = new RetryPolicy(spec.timeout(), spec.retries());
        Optional<String> refusal = refusal(spec);
        if (refusal.isPresent()) {
            return new HttpResult(Outcome.ERROR, 0, "", refusal.get(), 0, Duration.ZERO);
        }
        HttpCall call = new HttpCall(spec.method(), spec.uri(), spec.headers(), spec.body());
        Service service = spec.connector().map(Connector::service).orElse(plain);
        HttpOutcome outcome = http.send(call, policy, Deadline.after(policy.worstCase(), clock), service);
        return new HttpResult(outcome(outcome.kind()), outcome.status(), outcome.body(), outcome.detail(),
                outcome.attempts(), outcome.took());
    }

    private static Outcome outcome(HttpOutcome.Kind kind) {
        return switch (kind) {
            case SUCCESS -> Outcome.SUCCESS;
            case TIMEOUT -> Outcome.TIMEOUT;
            default -> Outcome.ERROR;
        };
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
                && HttpCall.port(base) == HttpCall.port(uri)
                && path != null && path.startsWith(base.getRawPath());
    }

    @Override
    public void close() {
        http.close();
    }
}
