package org.popline.crm.emulator;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.popline.web.LabCertificate;

/**
 * A running Dataverse emulator: Entra-style token endpoint, the Web API for contacts and incidents, and the
 * screen-pop forms, over HTTPS with a lab certificate. Start with {@link #start(EmulatorSettings)}, stop with
 * {@link #close()}.
 */
public final class DataverseEmulator implements AutoCloseable {

    /** The lab certificate's files in the TLS folder: {@code dataverse-emulator.p12}, {@code .pem}, {@code .lock}. */
    public static final String LAB_NAME = "dataverse-emulator";
    /** Enough threads that injected latency on some requests does not stall the others. */
    private static final int THREADS = 32;

    private final EmulatorSettings settings;
    private final HttpsServer server;
    private final ExecutorService executor;
    private final LabCertificate certificate;
    private final CrmStore store;
    private final AccessTokens tokens;
    private final EmulatorFaults faults;
    private final String baseUrl;

    private DataverseEmulator(EmulatorSettings settings, HttpsServer server, ExecutorService executor,
                              LabCertificate certificate, CrmStore store, AccessTokens tokens, EmulatorFaults faults,
                              String baseUrl) {
        this.settings = settings;
        this.server = server;
        this.executor = executor;
        this.certificate = certificate;
        this.store = store;
        this.tokens = tokens;
        this.faults = faults;
        this.baseUrl = baseUrl;
    }

    public static DataverseEmulator start(EmulatorSettings settings) throws IOException {
        // The JDK server writes headers and body separately; with Nagle on, each answer then waits for the
        // client's delayed ACK (40 ms on Linux). Read once, when the JVM's first HTTP server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        InetAddress address = InetAddress.getByName(settings.bindAddress());
        List<String> names = new ArrayList<>(LabCertificate.LOOPBACK);
        if (!address.isAnyLocalAddress()) {
            names.add(address.getHostAddress());
        }
        LabCertificate certificate = LabCertificate.loadOrCreate(settings.tlsFolder(), LAB_NAME,
                "Popline Dataverse emulator", names);
        Clock clock = Clock.systemUTC();
        CrmStore store = new CrmStore(clock);
        if (settings.seedFile() != null) {
            new SeedLoader().load(settings.seedFile(), store);
        }
        // Built now rather than by the first caller's lookup, which on 100,000 contacts would spend its budget on it
        store.index(EntityTypes.CONTACT, "telephone1", "mobilephone", "telephone2");
        store.index(EntityTypes.INCIDENT, "_customerid_value");
        AccessTokens tokens = new AccessTokens(clock);
        EmulatorFaults faults = new EmulatorFaults();

        HttpsServer server = HttpsServer.create(new InetSocketAddress(address, settings.port()), 128);
        try {
            server.setHttpsConfigurator(new HttpsConfigurator(certificate.serverContext()));
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot use the lab certificate for TLS: " + e.getMessage(), e);
        }
        String baseUrl = "https://" + urlHost(address) + ":" + server.getAddress().getPort();

        ApiGate gate = new ApiGate(tokens, faults, settings.tenant(), baseUrl);
        server.createContext("/api/data/", new GuardedHandler(new WebApiHandler(store, gate, baseUrl)));
        server.createContext("/main.aspx", new GuardedHandler(new FormsHandler(store)));
        server.createContext("/_emulator/", new GuardedHandler(new FaultsAdminHandler(faults)));
        server.createContext("/", new GuardedHandler(new AuthorityHandler(
                new TokenEndpoint(settings, tokens, faults, baseUrl),
                new OpenIdConfiguration(settings.tenant(), baseUrl))));
        ExecutorService executor = executor();
        server.setExecutor(executor);
        server.start();
        return new DataverseEmulator(settings, server, executor, certificate, store, tokens, faults, baseUrl);
    }

    private static ExecutorService executor() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "dataverse-emulator-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /** A wildcard bind is reached through loopback; the certificate covers loopback and the address served on. */
    private static String urlHost(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return "127.0.0.1";
        }
        String host = address.getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** {@code https://127.0.0.1:PORT}, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The Web API root, {@code https://127.0.0.1:PORT/api/data/v9.2/}. */
    public String webApiUrl() {
        return baseUrl + "/api/data/v9.2/";
    }

    /** The AAD-style authority for MSAL4J's {@code authority(...)}: {@code https://127.0.0.1:PORT/tenant/}. */
    public String authority() {
        return baseUrl + "/" + settings.tenant() + "/";
    }

    /**
     * The authority for MSAL4J's {@code oidcAuthority(...)}, which (unlike an AAD authority on a non-443 port)
     * lets MSAL4J's token cache work: {@code https://127.0.0.1:PORT/tenant/v2.0}.
     */
    public String oidcAuthority() {
        return baseUrl + "/" + settings.tenant() + "/v2.0";
    }

    public String tokenUrl() {
        return authority() + "oauth2/v2.0/token";
    }

    /** The scope a client asks for: this emulator as the resource, with Entra's {@code /.default} suffix. */
    public String scope() {
        return baseUrl + "/.default";
    }

    public String tenant() {
        return settings.tenant();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public LabCertificate certificate() {
        return certificate;
    }

    /** A trust store holding only the lab certificate. */
    public KeyStore trustStore() {
        return certificate.trustStore();
    }

    public EmulatorFaults faults() {
        return faults;
    }

    /** The tables, for tests and demos that add or inspect records directly. */
    public CrmStore store() {
        return store;
    }

    /** Makes every token issued so far invalid, so the next API call is answered 401. */
    public void revokeTokens() {
        tokens.revokeAll();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
