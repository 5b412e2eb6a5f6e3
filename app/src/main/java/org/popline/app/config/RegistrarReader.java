package org.popline.app.config;

import org.popline.sip.registrar.RegistrarConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.popline.sip.registrar.DigestAlgorithm;

/** Reads how phones register: {@code sip.realm}, {@code sip.digest-algorithms} and the {@code registrar} section. */
final class RegistrarReader {
    private RegistrarReader() {
    }

    static RegistrarConfig read(ConfigReader r) throws ConfigException {
        String realm = r.string("sip.realm", "popline");
        if (realm.isEmpty() || !realm.matches("[\\x20-\\x7e&&[^\"\\\\]]+")) {
            throw r.error("sip.realm", "'" + realm + "' is not a realm (printable characters without \" and \\)");
        }
        List<DigestAlgorithm> algorithms = algorithms(r, "sip.digest-algorithms");

        Duration min = seconds(r, "registrar.min-expires", Duration.ofSeconds(60));
        Duration max = seconds(r, "registrar.max-expires", Duration.ofHours(1));
        Duration fallback = seconds(r, "registrar.default-expires", Duration.ofHours(1));
        if (min.compareTo(max) > 0) {
            throw r.error("registrar.min-expires", "is longer than registrar.max-expires");
        }
        if (fallback.compareTo(min) < 0 || fallback.compareTo(max) > 0) {
            throw r.error("registrar.default-expires",
                    "must lie between registrar.min-expires and registrar.max-expires");
        }

        int lockoutAfter = r.integer("registrar.lockout-after", 5, 1, 1000);
        Duration window = r.duration("registrar.lockout-window", Duration.ofSeconds(60), false);
        Duration lockout = r.duration("registrar.lockout", Duration.ofSeconds(30), false);
        Duration maxLockout = r.duration("registrar.max-lockout", Duration.ofMinutes(10), false);
        if (maxLockout.compareTo(lockout) < 0) {
            throw r.error("registrar.max-lockout", "is shorter than registrar.lockout");
        }
        return new RegistrarConfig(realm, algorithms, min, max, fallback, lockoutAfter, window, lockout, maxLockout,
                SipReader.trustedProxies(r, "sip.trusted-proxies"),
                SipReader.trustedProxies(r, "registrar.allow-foreign-contacts"));
    }

    private static List<DigestAlgorithm> algorithms(ConfigReader r, String key) throws ConfigException {
        List<DigestAlgorithm> algorithms = new ArrayList<>();
        for (String name : r.stringList(key, List.of("sha-256", "md5"))) {
            DigestAlgorithm a = DigestAlgorithm.of(name).orElseThrow(
                    () -> r.error(key, "unknown algorithm '" + name + "' (use sha-256 and/or md5)"));
            if (algorithms.contains(a)) {
                throw r.error(key, "'" + name + "' is given twice");
            }
            algorithms.add(a);
        }
        if (algorithms.isEmpty()) {
            throw r.error(key, "needs at least one of sha-256, md5");
        }
        return algorithms;
    }

    /** SIP counts expiry in whole seconds. */
    private static Duration seconds(ConfigReader r, String key, Duration fallback) throws ConfigException {
        Duration d = r.duration(key, fallback, false);
        if (d.toMillis() % 1000 != 0) {
            throw r.error(key, "must be whole seconds");
        }
        return d;
    }
}
