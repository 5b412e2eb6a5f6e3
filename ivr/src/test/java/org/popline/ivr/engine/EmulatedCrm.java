package org.popline.ivr.engine;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.popline.crm.dataverse.DataverseClient;
import org.popline.crm.dataverse.DataverseSettings;
import org.popline.crm.emulator.DataverseEmulator;
import org.popline.crm.emulator.EmulatorSettings;
import org.popline.ivr.flow.ActivityTypes;
import org.popline.ivr.http.DataverseConnector;
import org.popline.ivr.http.HttpCaller;
import org.popline.ivr.template.Templates;

/**
 * The embedded Dataverse emulator over real HTTPS on 127.0.0.1 with the shipped demo data, and
 * the {@code dynamics} connector a server would give flows. Faults are cleared after each test.
 */
final class EmulatedCrm implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
    private static final String SECRET_VARIABLE = "POPLINE_TEST_SECRET";
    private static final String SECRET = "ivr-test-secret";

    DataverseEmulator emulator;
    DataverseClient client;
    HttpCaller http;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        emulator = DataverseEmulator.start(EmulatorSettings.builder().bindAddress("127.0.0.1").port(0)
                .tlsFolder(Path.of("target/test-tls")).seedFile(Path.of("../conf/crm-seed.json"))
                .tenant("popline-lab").clientId("popline").clientSecret(SECRET).build());
        URI root = URI.create(emulator.baseUrl());
        DataverseSettings settings = DataverseSettings.of(root, root, "popline-lab", "popline", SECRET_VARIABLE)
                .withTrustStore(emulator.certificate().pemFile(), null);
        client = DataverseClient.create(settings, Map.of(SECRET_VARIABLE, SECRET)::get, Clock.systemUTC());
        http = new HttpCaller();
    }

    /** The services a server gives flows, with the emulator as the {@code dynamics} connector. */
    FlowServices services() {
        return new FlowServices(ActivityTypes.standard(), new Templates("US"), http,
                Map.of("dynamics", new DataverseConnector(client)));
    }

    /** Where the emulator's forms live, as the screen pop should open them. */
    String root() {
        return URI.create(emulator.baseUrl()).resolve("/").toString();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        emulator.faults().clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        http.close();
        client.close();
        emulator.close();
    }
}
