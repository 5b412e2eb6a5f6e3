package org.popline.crm.emulator;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults the emulator injects into Web API requests (latency, random 5xx, throttling) and into the token endpoint
 * (down). Each setter takes effect for the next request; {@link #clear()} restores normal service.
 */
public final class EmulatorFaults {

    /** What to do with one Web API request after any latency has been served. */
    public sealed interface Verdict {
        record Pass() implements Verdict { }

        record Fail(int status) implements Verdict { }

        record Throttle(int retryAfterSeconds) implements Verdict { }
    }

    private volatile long latencyMillis;
    private volatile double errorRate;
    private volatile int errorStatus = 503;
    private volatile int retryAfterSeconds;
    private final AtomicInteger throttledRequestsLeft = new AtomicInteger();
    private volatile boolean tokenEndpointDown;

    /** Delays every Web API response by this much. */
    public EmulatorFaults latency(Duration latency) {
        this.latencyMillis = Math.max(0, latency.toMillis());
        return this;
    }

    /** Answers this fraction (0..1) of Web API requests with {@code status} (500 or 503). */
    public EmulatorFaults errorRate(double fraction, int status) {
        if (fraction < 0 || fraction > 1 || (status != 500 && status != 503)) {
            throw new IllegalArgumentException("error rate must be 0..1 and status 500 or 503");
        }
        this.errorStatus = status;
        this.errorRate = fraction;
        return this;
    }

    /** Answers the next {@code requests} Web API requests 429 with {@code Retry-After: seconds}; -1 means all. */
    public EmulatorFaults throttle(int requests, int retryAfterSeconds) {
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("Retry-After must not be negative");
        }
        this.retryAfterSeconds = retryAfterSeconds;
        throttledRequestsLeft.set(requests < 0 ? Integer.MAX_VALUE : requests);
        return this;
    }

    /** Makes the token endpoint answer 503, as during an Entra outage. */
    public EmulatorFaults tokenEndpointDown(boolean down) {
        this.tokenEndpointDown = down;
        return this;
    }

    public EmulatorFaults clear() {
        latencyMillis = 0;
        errorRate = 0;
        errorStatus = 503;
        throttledRequestsLeft.set(0);
        retryAfterSeconds = 0;
        tokenEndpointDown = false;
        return this;
    }

    public long latencyMillis() {
        return latencyMillis;
    }

    public double errorRate() {
        return errorRate;
    }

    public int errorStatus() {
        return errorStatus;
    }

    public int throttledRequestsLeft() {
        return throttledRequestsLeft.get();
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public boolean tokenEndpointDown() {
        return tokenEndpointDown;
    }

    /** Decides the fate of one Web API request; consumes one throttled request if any are left. */
    Verdict next() {
        if (throttledRequestsLeft.getAndUpdate(n -> n > 0 && n != Integer.MAX_VALUE ? n - 1 : n) > 0) {
            return new Verdict.Throttle(retryAfterSeconds);
        }
        double rate = errorRate;
        if (rate > 0 && ThreadLocalRandom.current().nextDouble() < rate) {
            return new Verdict.Fail(errorStatus);
        }
        return new Verdict.Pass();
    }
}
