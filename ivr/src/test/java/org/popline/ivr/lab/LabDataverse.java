package org.popline.ivr.lab;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.popline.crm.dataverse.DataverseClient;
import org.popline.crm.dataverse.DataverseSettings;
import org.popline.crm.emulator.DataverseEmulator;
import org.popline.crm.emulator.EmulatorSettings;

/**
 * The Dataverse emulator with the project's seed data over real HTTPS on 127.0.0.1, and clients of
 * it that trust exactly its lab certificate. Registered as an extension: started before the test
 * class, faults cleared after each test, stopped after the class.
 */
public final class LabDataverse implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    public static final String SECRET = "lab-secret~not-for-production";
    private static final String SECRET_VARIABLE = "POPLINE_LAB_CRM_SECRET";
    private static final String CLIENT_ID = "popline-ivr-test";
    private static final String TENANT = "popline-lab";
    private static final Path SEED = Path.of("../conf/crm-seed.json");
    private static final Path TLS = Path.of("target/test-tls");

    private DataverseEmulator emulator;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        emulator = DataverseEmulator.start(EmulatorSettings.builder()
                .tlsFolder(TLS).seedFile(SEED).tenant(TENANT)
                .clientId(CLIENT_ID).clientSecret(SECRET).build());
    }

    public DataverseEmulator emulator() {
        return emulator;
    }

    /** A new client with its own token cache; the caller closes it. */
    public DataverseClient client() {
        return clientWithSecret(SECRET);
    }

    /** A client that presents {@code secret}, right or wrong. */
    public DataverseClient clientWithSecret(String secret) {
        return client(secret, UnaryOperator.identity());
    }

    /** A client with the right secret and the lab's settings changed by {@code tune}. */
    public DataverseClient client(UnaryOperator<DataverseSettings> tune) {
        return client(SECRET, tune);
    }

    private DataverseClient client(String secret, UnaryOperator<DataverseSettings> tune) {
        URI root = URI.create(emulator.baseUrl());
        DataverseSettings settings = DataverseSettings.of(root, root, TENANT, CLIENT_ID, SECRET_VARIABLE)
                .withTrustStore(emulator.certificate().pemFile(), null);
        return DataverseClient.create(tune.apply(settings), Map.of(SECRET_VARIABLE, secret)::get, Clock.systemUTC());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        emulator.faults().clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        emulator.close();
    }
}
