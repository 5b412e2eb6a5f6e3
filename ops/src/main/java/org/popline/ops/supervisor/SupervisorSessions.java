package org.popline.ops.supervisor;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is logged in to the supervisor page: random session ids, each ending after a quiet spell. Only so many at
 * once; a login beyond that ends the quietest session rather than refusing the supervisor at the keyboard.
 */
final class SupervisorSessions {
    private static final int MAX_SESSIONS = 64;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration idle;

    SupervisorSessions(Clock clock, Duration idle) {
        this.clock = clock;
        this.idle = idle;
    }

    synchronized String open() {
        forgetExpired();
        if (lastSeen.size() >= MAX_SESSIONS) {
            lastSeen.entrySet().stream().min(Map.Entry.comparingByValue())
                    .ifPresent(oldest -> lastSeen.remove(oldest.getKey()));
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        lastSeen.put(id, clock.instant());
        return id;
    }

    /** Whether {@code id} is a live session; marks it as used now. */
    boolean touch(Optional<String> id) {
        if (id.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        Instant seen = lastSeen.computeIfPresent(id.get(), (k, last) -> last.plus(idle).isAfter(now) ? now : null);
        return seen != null;
    }

    /** Whether {@code id} is still live, without counting this as use (an open event stream is not activity). */
    boolean live(String id) {
        Instant last = lastSeen.get(id);
        return last != null && last.plus(idle).isAfter(clock.instant());
    }

    void close(Optional<String> id) {
        id.ifPresent(lastSeen::remove);
    }

    private void forgetExpired() {
        Instant now = clock.instant();
        lastSeen.values().removeIf(last -> !last.plus(idle).isAfter(now));
    }
}
