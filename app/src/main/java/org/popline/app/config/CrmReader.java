package org.popline.app.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Reads the {@code crm} section: the emulator, or a real org with its resilience settings. */
final class CrmReader {
    private CrmReader() {
    }

    static CrmConfig read(ConfigReader r, Path confDir) throws ConfigException {
        String mode = r.string("crm.mode", "emulator");
        if (!mode.equals("emulator") && !mode.equals("dataverse")) {
            throw r.error("crm.mode", "'" + mode + "' is neither emulator nor dataverse");
        }
        boolean emulated = mode.equals("emulator");
        int port = r.integer("crm.emulator.port", 8443, 0, 65535);
        // Only Popline itself talks to the emulator; an agent's browser opening its forms elsewhere needs this key.
        InetAddress emulatorBind = r.address("crm.emulator.bind-address", "127.0.0.1");
        Path seed = confDir.resolve(r.string("crm.emulator.seed", "crm-seed.json"));
        if (emulated && !Files.isRegularFile(seed)) {
            throw r.error("crm.emulator.seed", seed + ": file not found");
        }
        Path tls = confDir.resolve(r.string("crm.emulator.tls-folder", "tls"));
        String org = r.string("crm.org-url", null);
        String tenant = r.string("crm.tenant", null);
        String clientId = r.string("crm.client-id", null);
        if (!emulated) {
            for (String[] required : new String[][] {{"crm.org-url", org}, {"crm.tenant", tenant},
                    {"crm.client-id", clientId}}) {
                if (required[1] == null || required[1].isBlank()) {
                    throw r.error(required[0], "required when crm.mode is dataverse");
                }
            }
        }
        URI orgUrl = org == null ? null : httpsUrl(r, "crm.org-url", org);
        URI loginUrl = httpsUrl(r, "crm.login-url", r.string("crm.login-url", "https://login.microsoftonline.com"));
        String secretVariable = r.environmentVariable("crm.secret-env", "POPLINE_CRM_SECRET");
        String region = r.string("crm.default-region", "US");
        if (!region.matches("[A-Z]{2}")) {
            throw r.error("crm.default-region", "'" + region + "' is not a two-letter region code like US or DE");
        }
        Duration budget = r.duration("crm.lookup-budget", Duration.ofSeconds(4), false);
        List<String> phoneColumns = r.list("crm.phone-columns", List.of("telephone1", "mobilephone", "telephone2"));
        for (String column : phoneColumns) {
            if (!column.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw r.error("crm.phone-columns", "'" + column + "' is not a column name");
            }
        }
        if (phoneColumns.isEmpty()) {
            throw r.error("crm.phone-columns", "names no column");
        }
        return new CrmConfig(emulated, port, seed, tls, orgUrl, loginUrl, tenant, clientId, secretVariable, region,
                budget, phoneColumns, resilience(r), emulatorBind);
    }

    private static CrmConfig.Resilience resilience(ConfigReader r) throws ConfigException {
        Duration ttl = r.duration("crm.cache.ttl", Duration.ofMinutes(1), true);
        Duration maxStale = r.duration("crm.cache.max-stale", Duration.ofMinutes(30), true);
        if (maxStale.compareTo(ttl) < 0) {
            throw r.error("crm.cache.max-stale", "must be at least crm.cache.ttl (" + ttl + ")");
        }
        return new CrmConfig.Resilience(ttl, maxStale,
                r.integer("crm.circuit-breaker.window", 10, 1, 1000),
                r.integer("crm.circuit-breaker.minimum-calls", 5, 1, 1000),
                r.integer("crm.circuit-breaker.failure-rate", 50, 1, 100),
                r.duration("crm.circuit-breaker.open-for", Duration.ofSeconds(30), false));
    }

    private static URI httpsUrl(ConfigReader r, String key, String text) throws ConfigException {
        try {
            URI uri = new URI(text);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw r.error(key, "'" + text + "' is not an https:// URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw r.error(key, "'" + text + "' is not a URL");
        }
    }
}
