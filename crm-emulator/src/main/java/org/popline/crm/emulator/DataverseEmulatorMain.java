package org.popline.crm.emulator;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator on its own:
 * {@code DataverseEmulatorMain [--address 127.0.0.1] [--port 8443] [--seed conf/crm-seed.json] [--tls-dir conf/tls]
 * [--tenant popline-lab] --client-id ID --client-secret-env VARIABLE}. The secret is read from the environment.
 */
public final class DataverseEmulatorMain {

    private DataverseEmulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        EmulatorSettings.Builder settings = EmulatorSettings.builder()
                .port(8443).seedFile(Path.of("conf/crm-seed.json")).tlsFolder(Path.of("conf/tls"));
        String secretVariable = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--address": settings.bindAddress(value); break;
                case "--port": settings.port(Integer.parseInt(value)); break;
                case "--seed": settings.seedFile(Path.of(value)); break;
                case "--tls-dir": settings.tlsFolder(Path.of(value)); break;
                case "--tenant": settings.tenant(value); break;
                case "--client-id": settings.clientId(value); break;
                case "--client-secret-env": secretVariable = value; break;
                default: usage("unknown option " + args[i]);
            }
        }
        if (args.length % 2 != 0) {
            usage("option " + args[args.length - 1] + " needs a value");
        }
        String secret = secretVariable == null ? null : System.getenv(secretVariable);
        if (secret == null || secret.isEmpty()) {
            usage("--client-secret-env must name a set environment variable");
        }
        DataverseEmulator emulator = DataverseEmulator.start(settings.clientSecret(secret).build());
        System.out.println("Dataverse emulator at " + emulator.webApiUrl());
        System.out.println("  authority   " + emulator.authority() + "  (oidc: " + emulator.oidcAuthority() + ")");
        System.out.println("  scope       " + emulator.scope());
        System.out.println("  trust       " + emulator.certificate().pemFile().toAbsolutePath());
        System.out.println("  forms       " + emulator.baseUrl() + "/main.aspx?pagetype=entityrecord&etn=incident");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: DataverseEmulatorMain [--address A] [--port P] [--seed FILE] [--tls-dir DIR]"
                + " [--tenant T] --client-id ID --client-secret-env VARIABLE");
        System.exit(2);
    }
}
