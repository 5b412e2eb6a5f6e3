package org.popline.app.crm;

import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.popline.crm.dataverse.BreakerSettings;
import org.popline.crm.dataverse.CallerAnswer;
import org.popline.crm.dataverse.DataverseClient;
import org.popline.crm.dataverse.DataverseSettings;
import org.popline.crm.dataverse.LookupResult;
import org.popline.crm.emulator.DataverseEmulator;
import org.popline.crm.emulator.EmulatorSettings;
import org.popline.app.config.CrmConfig;
import org.popline.ivr.customer.CustomerDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CRM as the server uses it: a Dataverse client, pointed either at the embedded emulator
 * (started here, with a client secret made up for this run) or at a real org.
 */
public final class CrmConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CrmConnection.class);
    private static final String EMULATOR_TENANT = "popline-lab";
    private static final String EMULATOR_CLIENT = "popline";
    private static final String EMULATOR_SECRET_VARIABLE = "POPLINE_EMULATOR_SECRET";
    private static final Duration WARM_UP_BUDGET = Duration.ofSeconds(10);

    private final DataverseEmulator emulator;
    private final DataverseClient client;

    private CrmConnection(DataverseEmulator emulator, DataverseClient client) {
        this.emulator = emulator;
        this.client = client;
    }

    public static CrmConnection open(CrmConfig config) throws IOException {
        if (!config.emulated()) {
            log.info("CRM: Dataverse org {} (tenant {}, client {})", config.orgUrl(), config.tenant(),
                    config.clientId());
            return new CrmConnection(null, DataverseClient.create(tune(DataverseSettings.of(config.orgUrl(),
                    config.loginUrl(), config.tenant(), config.clientId(), config.secretVariable()), config)));
        }
        // The emulator lives only as long as this run, so its secret need not outlive it either.
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        DataverseEmulator emulator = DataverseEmulator.start(EmulatorSettings.builder()
                .bindAddress(config.emulatorBindAddress().getHostAddress())
                .port(config.emulatorPort()).tlsFolder(config.emulatorTls()).seedFile(config.emulatorSeed())
                .tenant(EMULATOR_TENANT).clientId(EMULATOR_CLIENT).clientSecret(secret).build());
        try {
            URI root = URI.create(emulator.baseUrl());
            DataverseSettings settings = tune(DataverseSettings.of(root, root, EMULATOR_TENANT, EMULATOR_CLIENT,
                    EMULATOR_SECRET_VARIABLE), config).withTrustStore(emulator.certificate().pemFile(), null);
            DataverseClient client = DataverseClient.create(settings, Map.of(EMULATOR_SECRET_VARIABLE, secret)::get,
                    Clock.systemUTC());
            log.info("CRM: embedded Dataverse emulator at {} (lab certificate {})", emulator.baseUrl(),
                    emulator.certificate().pemFile());
            return new CrmConnection(emulator, client);
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
    }

    private static DataverseSettings tune(DataverseSettings s, CrmConfig config) {
        CrmConfig.Resilience r = config.resilience();
        return s.withPhones(config.phoneColumns(), config.defaultRegion())
                .withTimeouts(s.connectTimeout(), s.responseTimeout(), config.lookupBudget())
                .withCache(r.cacheTtl(), r.cacheMaxStale(), s.cacheMaxEntries())
                .withBreaker(new BreakerSettings(r.breakerWindow(), r.breakerMinimumCalls(), r.breakerFailureRate(),
                        r.breakerOpenFor()));
    }

    /** The CRM's caller lookup, for the flows' find-customer activities. */
    public CustomerDirectory customers() {
        return new CrmCustomerDirectory(client);
    }

    /**
     * Fetches an access token in the background, so the first caller's lookup does not wait for
     * one; a failure here only means that lookup will try again.
     */
    public void warmUp() {
        Thread warmUp = new Thread(() -> {
            try {
                client.accessToken(WARM_UP_BUDGET);
            } catch (IOException e) {
                log.warn("CRM: no access token yet ({}); lookups will ask again", e.getMessage());
            }
        }, "crm-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /** The Dataverse client, for flows that call the CRM through the {@code dynamics} connector. */
    public DataverseClient client() {
        return client;
    }

    /** The emulator's base URL (forms live under it), or null when a real org is used. */
    public String emulatorUrl() {
        return emulator == null ? null : emulator.baseUrl();
    }

    /**
     * Who is calling from {@code ani} and their latest case, as the admin view shows it; every
     * outcome, failures included, is an answer rather than an exception.
     */
    public Map<String, Object> lookup(String ani) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ani", ani);
        CallerAnswer answer = client.findCaller(ani);
        out.put("contact", describe(answer.contact()));
        answer.latestCase().ifPresent(latest -> out.put("latestCase", describe(latest)));
        out.put("circuit", client.circuitState());
        return out;
    }

    private static Object describe(LookupResult<?> result) {
        if (result instanceof LookupResult.Found<?> f) {
            return Map.of("result", "found", "value", f.value());
        }
        if (result instanceof LookupResult.Ambiguous<?> a) {
            return Map.of("result", "ambiguous", "candidates", a.candidates());
        }
        if (result instanceof LookupResult.Failed<?> f) {
            return Map.of("result", "failed", "reason", f.reason().name(), "detail", f.detail());
        }
        return Map.of("result", "not found");
    }

    @Override
    public void close() {
        client.close();
        if (emulator != null) {
            emulator.close();
        }
    }
}
