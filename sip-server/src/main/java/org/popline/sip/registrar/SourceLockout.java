package org.popline.sip.registrar;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows password guessing down to a few guesses an hour: an address that fails to authenticate
 * too often within a window is locked out, twice as long each time it happens again, and while
 * locked out its requests are refused before any checking. Only that address is affected; other
 * phones register as usual. (Phones behind one NAT share an address, and so share its fate.)
 * An address is forgotten once it has neither failed nor been locked out for {@code maxLockout}.
 * The same rule guards the agents' page's logins, keyed by address and by agent id.
 *
 * @param <K> what is locked out: an address, an agent id
 */
public final class SourceLockout<K> implements Lockouts<K> {
    private static final Logger log = LoggerFactory.getLogger(SourceLockout.class);
    /** Bounds the memory an attacker who varies the source address can take. */
    private static final int MAX_SOURCES = 10_000;

    private static final class Source {
        final ArrayDeque<Instant> failures = new ArrayDeque<>();
        int lockouts;
        Instant lockedUntil = Instant.MIN;
        Instant lastEvent;
        long refused;
    }

    private final int maxFailures;
    private final Duration window;
    private final Duration firstLockout;
    private final Duration maxLockout;
    private final Clock clock;
    private final Function<K, String> describe;
    private final LinkedHashMap<K, Source> sources = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<K, Source> eldest) {
            return size() > MAX_SOURCES;
        }
    };

    /** @param describe names a key in the log and in {@link #lockouts()} */
    public SourceLockout(int maxFailures, Duration window, Duration firstLockout, Duration maxLockout, Clock clock,
            Function<K, String> describe) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.firstLockout = firstLockout;
        this.maxLockout = maxLockout;
        this.clock = clock;
        this.describe = describe;
    }

    /** The registrar's rule for phones' addresses. */
    public static SourceLockout<InetAddress> forAddresses(RegistrarConfig config, Clock clock) {
        return new SourceLockout<>(config.lockoutAfter(), config.lockoutWindow(), config.lockout(),
                config.maxLockout(), clock, InetAddress::getHostAddress);
    }

    @Override
    public synchronized boolean refuses(K address) {
        Source s = sources.get(address);
        if (s == null || !clock.instant().isBefore(s.lockedUntil)) {
            return false;
        }
        s.refused++;
        return true;
    }

    @Override
    public synchronized void failed(K address) {
        Instant now = clock.instant();
        Source s = sources.computeIfAbsent(address, a -> new Source());
        s.lastEvent = now;
        s.failures.addLast(now);
        while (s.failures.size() > maxFailures || s.failures.getFirst().isBefore(now.minus(window))) {
            s.failures.removeFirst();
        }
        if (s.failures.size() < maxFailures) {
            return;
        }
        Duration lockout = lockout(s.lockouts);
        s.lockouts++;
        s.lockedUntil = now.plus(lockout);
        s.lastEvent = s.lockedUntil;
        s.failures.clear();
        s.refused = 0;
        log.warn("{} locked out for {}s: {} failed authentications within {}s (lockout {} of it)",
                describe.apply(address), lockout.toSeconds(), maxFailures, window.toSeconds(), s.lockouts);
    }

    @Override
    public synchronized void succeeded(K address) {
        sources.remove(address);
    }

    @Override
    public synchronized List<Lockout> lockouts() {
        Instant now = clock.instant();
        List<Lockout> out = new ArrayList<>();
        sources.forEach((address, s) -> {
            if (now.isBefore(s.lockedUntil)) {
                out.add(new Lockout(describe.apply(address), s.lockedUntil, s.lockouts, s.refused));
            }
        });
        return out;
    }

    @Override
    public synchronized void forgetQuietSources() {
        Instant forgetBefore = clock.instant().minus(maxLockout);
        for (Iterator<Source> i = sources.values().iterator(); i.hasNext(); ) {
            if (i.next().lastEvent.isBefore(forgetBefore)) {
                i.remove();
            }
        }
    }

    /** 30 s, 60 s, 120 s, ... up to the maximum. */
    private Duration lockout(int earlierLockouts) {
        Duration d = firstLockout;
        for (int i = 0; i < earlierLockouts && d.compareTo(maxLockout) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxLockout) > 0 ? maxLockout : d;
    }
}
