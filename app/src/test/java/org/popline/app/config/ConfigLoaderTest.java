package org.popline.app.config;

import org.popline.sip.registrar.AgentAccount;
import org.popline.sip.registrar.RegistrarConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.popline.ivr.hours.BusinessHours;
import org.popline.ivr.hours.BusinessHours.State;
import org.popline.ivr.webex.WebexMapping;
import org.junit.jupiter.api.io.TempDir;
import org.popline.queue.QueueSettings;
import org.popline.queue.Routing;
import org.popline.sip.registrar.DigestAlgorithm;
import org.popline.app.ConfFolder;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    /** A configuration folder of one's own still holds the default files the keys refer to. */
    @org.junit.jupiter.api.BeforeEach
    void copyDefaultFiles() throws Exception {
        Files.createDirectories(dir.resolve("audio"));
        Files.copy(ConfFolder.path().resolve("audio/hold-music.wav"), dir.resolve("audio/hold-music.wav"));
        Files.copy(ConfFolder.path().resolve("crm-seed.json"), dir.resolve("crm-seed.json"));
        Files.createDirectories(dir.resolve("flows"));
        Files.copy(ConfFolder.path().resolve("flows/ms-dynamics.yaml"), dir.resolve("flows/ms-dynamics.yaml"));
    }

    private ConfigException failure(String yaml) throws Exception {
        Files.writeString(dir.resolve("popline.yaml"), yaml);
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(dir, new Overrides()));
    }

    @Test
    void theShippedConfigurationLoads() throws Exception {
        PoplineConfig c = ConfigLoader.load(ConfFolder.path(), new Overrides());
        assertEquals(5060, c.sip().port());
        assertEquals("127.0.0.1", c.sip().bindAddress().getHostAddress());
        assertEquals(20000, c.rtp().portMin());
        assertEquals(29999, c.rtp().portMax());
        assertEquals(8080, c.http().port());
        assertTrue(c.sip().udp() && c.sip().tcp());
        assertEquals(Duration.ofHours(1), c.call().maxDuration());
        assertEquals(ConfFolder.path().resolve("flows/ms-dynamics.yaml"), c.call().flowFile());
    }

    @Test
    void callRecordsGoBesideTheConfFolderUnlessGivenAnAbsolutePath() throws Exception {
        Files.writeString(dir.resolve("popline.yaml"), "");
        Path parent = dir.toAbsolutePath().getParent();
        assertEquals(parent.resolve("var/cdr"), ConfigLoader.load(dir, new Overrides()).cdrFolder());
        assertEquals(parent.resolve("records"),
                ConfigLoader.load(dir, new Overrides().set("cdr.folder", "records")).cdrFolder());
        assertEquals(Path.of("/srv/popline/cdr"),
                ConfigLoader.load(dir, new Overrides().set("cdr.folder", "/srv/popline/cdr")).cdrFolder());
    }

    @Test
    void overridesWinOverTheFile() throws Exception {
        PoplineConfig c = ConfigLoader.load(ConfFolder.path(), new Overrides()
                .set("sip.port", "5080").set("rtp.ports", "30000-30099").set("http.port", "0")
                .set("sip.bind-address", "127.0.0.2"));
        assertEquals(5080, c.sip().port());
        assertEquals(30000, c.rtp().portMin());
        assertEquals(30099, c.rtp().portMax());
        assertEquals(0, c.http().port());
        assertEquals("127.0.0.2", c.sip().advertisedAddress());
    }

    @Test
    void messagesNameFileKeyAndProblem() throws Exception {
        ConfigException e = failure("sip:\n  port: 70000\n");
        assertTrue(e.getMessage().contains("popline.yaml: sip.port: 70000 is out of range 1-65535"), e.getMessage());

        e = failure("sip:\n  prot: 5060\n");
        assertTrue(e.getMessage().endsWith("popline.yaml: sip.prot: unknown key"), e.getMessage());

        e = failure("rtp:\n  ports: 20001-20001\n");
        assertTrue(e.getMessage().contains("rtp.ports: '20001-20001' holds no even port"), e.getMessage());

        e = failure("call:\n  max-duration: soon\n");
        assertTrue(e.getMessage().contains("call.max-duration: 'soon' is not a duration"), e.getMessage());

        e = failure("sip:\n  bind-address: 0.0.0.0\n");
        assertTrue(e.getMessage().contains("sip.advertised-address: required"), e.getMessage());

        e = failure("sip:\n  transports: [udp, sctp]\n");
        assertTrue(e.getMessage().contains("sip.transports: unknown transport 'sctp'"), e.getMessage());

        e = failure("call:\n  flow: flows/nowhere.yaml\n");
        assertTrue(e.getMessage().contains("call.flow: ") && e.getMessage().contains("nowhere.yaml: file not found"),
                e.getMessage());

        e = failure("sip: [\n");
        assertTrue(e.getMessage().contains("popline.yaml: not valid YAML"), e.getMessage());
    }

    @Test
    void nothingConfiguredMeansOneNodeAndARedisAddressMeansSharing() throws Exception {
        PoplineConfig c = ConfigLoader.load(ConfFolder.path(), new Overrides());
        assertTrue(c.cluster().shared().isEmpty(), "in-memory ACD by default");
        assertFalse(c.cluster().nodeName().isBlank(), "node name defaults to the host name");

        Files.writeString(dir.resolve("popline.yaml"), "node:\n  name: node-b\ncluster:\n  redis: redis://127.0.0.1:6390\n  lease: 3s\n");
        PoplineConfig shared = ConfigLoader.load(dir, new Overrides());
        assertEquals("node-b", shared.cluster().nodeName());
        assertEquals("redis://127.0.0.1:6390", shared.cluster().shared().orElseThrow().redis().toString());
        assertEquals("node-b", shared.cluster().shared().orElseThrow().node());

        ConfigException e = failure("cluster:\n  redis: http://127.0.0.1:6379\n");
        assertTrue(e.getMessage().contains("cluster: cluster.redis must look like redis://HOST:PORT"), e.getMessage());
        e = failure("node:\n  name: 'a b'\n");
        assertTrue(e.getMessage().contains("node.name: 'a b'"), e.getMessage());
        e = failure("cluster:\n  redis: redis://127.0.0.1:6379\n  lease: 500ms\n");
        assertTrue(e.getMessage().contains("cluster.lease must be at least three ticks"), e.getMessage());
    }

    @Test
    void theAgentsPageHasItsOwnPortAndAClosedListOfReasons() throws Exception {
        PoplineConfig c = ConfigLoader.load(ConfFolder.path(), new Overrides());
        assertEquals(8090, c.desk().port());
        assertEquals(List.of("break", "lunch", "training", "meeting"), c.desk().notReadyReasons());

        ConfigException e = failure("desk:\n  port: 65536\n");
        assertTrue(e.getMessage().contains("desk.port: 65536 is out of range 0-65535"), e.getMessage());
        e = failure("desk:\n  not-ready-reasons: []\n");
        assertTrue(e.getMessage().contains("desk.not-ready-reasons: needs at least one reason"), e.getMessage());
        e = failure("desk:\n  not-ready-reasons: [break, break]\n");
        assertTrue(e.getMessage().contains("desk.not-ready-reasons: names a reason twice"), e.getMessage());
    }

    @Test
    void theAgentsPageIsOnTlsOffLoopbackAndTakesTheOperatorsCertificate() throws Exception {
        PoplineConfig c = ConfigLoader.load(ConfFolder.path(), new Overrides());
        DeskTls tls = c.desk().tls();
        assertEquals(DeskTls.Mode.AUTO, tls.mode());
        assertFalse(tls.enabledOn(java.net.InetAddress.getByName("127.0.0.1")), "plain HTTP on loopback");
        assertTrue(tls.enabledOn(java.net.InetAddress.getByName("192.0.2.10")), "TLS on a LAN address");
        assertTrue(tls.enabledOn(java.net.InetAddress.getByName("0.0.0.0")));
        assertEquals(c.crm().emulatorTls(), tls.labFolder(), "lab certificates live together");

        ConfigException e = failure("desk:\n  tls:\n    mode: maybe\n");
        assertTrue(e.getMessage().contains("desk.tls.mode: 'maybe' is none of auto, on, off"), e.getMessage());
        e = failure("desk:\n  tls:\n    certificate: tls/none.crt\n");
        assertTrue(e.getMessage().contains("desk.tls.certificate: ") && e.getMessage().contains("none.crt: file not found"),
                e.getMessage());
        Files.writeString(dir.resolve("desk.crt"), "");
        e = failure("desk:\n  tls:\n    certificate: desk.crt\n");
        assertTrue(e.getMessage().contains("desk.tls.key: give desk.tls.certificate and desk.tls.key together"),
                e.getMessage());
        Files.writeString(dir.resolve("desk.p12"), "");
        e = failure("desk:\n  tls:\n    pkcs12: desk.p12\n");
        assertTrue(e.getMessage().contains("desk.tls.pkcs12-password-env: environment variable "
                + "POPLINE_DESK_TLS_PASSWORD is not set"), e.getMessage());
    }

    @Test
    void theAdminTokenComesFromAVariableOrAFileBesideTheConfFolder() throws Exception {
        Files.writeString(dir.resolve("popline.yaml"), "");
        HttpConfig access = ConfigLoader.load(dir, new Overrides()).http();
        assertEquals("POPLINE_ADMIN_TOKEN", access.tokenVariable());
        assertEquals(dir.toAbsolutePath().getParent().resolve("var/admin-token"), access.tokenFile());
        assertEquals(List.of(), access.allowedHosts());
        assertEquals(List.of("popline.example.lan", "192.0.2.10"), ConfigLoader.load(dir,
                new Overrides().set("http.allowed-hosts", "popline.example.lan,192.0.2.10")).http().allowedHosts());

        ConfigException e = failure("http:\n  token-env: my token\n");
        assertTrue(e.getMessage().contains("http.token-env: 'my token' is not an environment variable name"),
                e.getMessage());
        e = failure("http:\n  allowed-hosts: [evil.example/x]\n");
        assertTrue(e.getMessage().contains("http.allowed-hosts: 'evil.example/x' is not a host name or address"),
                e.getMessage());
    }

    @Test
    void mediaClockSettings() throws Exception {
        PoplineConfig c = ConfigLoader.load(ConfFolder.path(), new Overrides()
                .set("rtp.realtime-priority", "0").set("rtp.clock-threads", "3"));
        assertEquals(0, c.rtp().realtimePriority());
        assertEquals(3, c.rtp().clockThreads());
        ConfigException e = failure("rtp:\n  realtime-priority: 100\n");
        assertTrue(e.getMessage().contains("popline.yaml: rtp.realtime-priority: 100 is out of range 0-99"), e.getMessage());
        e = failure("rtp:\n  clock-threads: 0\n");
        assertTrue(e.getMessage().contains("popline.yaml: rtp.clock-threads: 0 is out of range 1-64"), e.getMessage());
    }

    @Test
    void theTcpReadTimeoutIsShorterThanTheIdleTimeout() throws Exception {
        PoplineConfig c = ConfigLoader.load(ConfFolder.path(), new Overrides());
        assertEquals(Duration.ofSeconds(5), c.sip().tcpLimits().readTimeout());
        assertEquals(Duration.ofMinutes(5), c.sip().tcpLimits().idleTimeout());
        ConfigException e = failure("sip:\n  tcp:\n    idle-timeout: 10s\n    read-timeout: 10s\n");
        assertTrue(e.getMessage().contains("popline.yaml: sip.tcp.read-timeout: must be shorter than sip.tcp.idle-timeout"),
                e.getMessage());
        e = failure("sip:\n  tcp:\n    read-timeout: 0s\n");
        assertTrue(e.getMessage().contains("popline.yaml: sip.tcp.read-timeout: "), e.getMessage());
    }

    @Test
    void strictRtpProbation() throws Exception {
        assertEquals(4, ConfigLoader.load(ConfFolder.path(), new Overrides()).rtp().strictProbation());
        assertEquals(8, ConfigLoader.load(ConfFolder.path(), new Overrides().set("rtp.strict-probation", "8"))
                .rtp().strictProbation());
        ConfigException e = failure("rtp:\n  strict-probation: 0\n");
        assertTrue(e.getMessage().contains("popline.yaml: rtp.strict-probation: 0 is out of range 1-100"), e.getMessage());
    }

    @Test
    void musicIsCheckedAtStartNotMidCall() throws Exception {
        ConfigException e = failure("call:\n  music: nowhere.wav\n");
        assertTrue(e.getMessage().contains("call.music: ") && e.getMessage().contains("nowhere.wav: file not found"),
                e.getMessage());

        javax.sound.sampled.AudioFormat cd = new javax.sound.sampled.AudioFormat(44100, 16, 2, true, false);
        try (var in = new javax.sound.sampled.AudioInputStream(new java.io.ByteArrayInputStream(new byte[4 * 4410]),
                cd, 4410)) {
            javax.sound.sampled.AudioSystem.write(in, javax.sound.sampled.AudioFileFormat.Type.WAVE,
                    dir.resolve("cd.wav").toFile());
        }
        e = failure("call:\n  music: cd.wav\n");
        assertTrue(e.getMessage().contains("popline.yaml: call.music: ") && e.getMessage().contains("44100 Hz"),
                e.getMessage());
    }

    @Test
    void crmSectionMessagesNameFileKeyAndProblem() throws Exception {
        ConfigException e = failure("crm:\n  mode: salesforce\n");
        assertTrue(e.getMessage().endsWith("popline.yaml: crm.mode: 'salesforce' is neither emulator nor dataverse"),
                e.getMessage());
        e = failure("crm:\n  default-region: usa\n");
        assertTrue(e.getMessage().endsWith("popline.yaml: crm.default-region: 'usa' is not a two-letter region code "
                + "like US or DE"), e.getMessage());
        e = failure("crm:\n  phone-columns: [telephone1, 'mobile phone']\n");
        assertTrue(e.getMessage().endsWith("popline.yaml: crm.phone-columns: 'mobile phone' is not a column name"),
                e.getMessage());
        e = failure("crm:\n  cache:\n    ttl: 5m\n    max-stale: 1m\n");
        assertTrue(e.getMessage().endsWith("popline.yaml: crm.cache.max-stale: must be at least crm.cache.ttl (PT5M)"),
                e.getMessage());
        e = failure("crm:\n  circuit-breaker:\n    failure-rate: 0\n");
        assertTrue(e.getMessage().endsWith("popline.yaml: crm.circuit-breaker.failure-rate: 0 is out of range 1-100"),
                e.getMessage());
        e = failure("crm:\n  cache:\n    tll: 5m\n");
        assertTrue(e.getMessage().endsWith("popline.yaml: crm.cache.tll: unknown key"), e.getMessage());
    }

    @Test
    void voiceInstancesDefaultToFourPerCoreAndAreBounded() throws Exception {
        assertEquals(4 * Runtime.getRuntime().availableProcessors(),
                ConfigLoader.load(ConfFolder.path(), new Overrides()).call().voiceInstances());
        Files.writeString(dir.resolve("popline.yaml"), "call:\n  voice-instances: 3\n");
        assertEquals(3, ConfigLoader.load(dir, new Overrides()).call().voiceInstances());
        ConfigException e = failure("call:\n  voice-instances: 0\n");
        assertTrue(e.getMessage().endsWith("popline.yaml: call.voice-instances: 0 is out of range 1-256"),
                e.getMessage());
    }

    @Test
    void flowThreadsArePlatformUnlessVirtualIsAskedForOnJava21OrLater() throws Exception {
        assertFalse(ConfigLoader.load(ConfFolder.path(), new Overrides()).call().virtualFlowThreads());
        ConfigException e = failure("call:\n  flow-threads: green\n");
        assertTrue(e.getMessage().endsWith("popline.yaml: call.flow-threads: 'green' is neither platform nor virtual"),
                e.getMessage());
        Files.writeString(dir.resolve("popline.yaml"), "call:\n  flow-threads: virtual\n");
        if (Runtime.version().feature() >= 21) {
            assertTrue(ConfigLoader.load(dir, new Overrides()).call().virtualFlowThreads());
        } else {
            e = failure("call:\n  flow-threads: virtual\n");
            assertTrue(e.getMessage().endsWith("popline.yaml: call.flow-threads: virtual threads need Java 21 or "
                    + "later; this is Java " + Runtime.version().feature()), e.getMessage());
        }
    }

    @Test
    void callAndSipSectionMessagesNameFileKeyAndProblem() throws Exception {
        ConfigException e = failure("call:\n  voice: julie\n");
        assertTrue(e.getMessage().endsWith("popline.yaml: call.voice: unknown voice 'julie' (available: kevin)"),
                e.getMessage());
        e = failure("call:\n  after-greeting: jazz\n");
        assertTrue(e.getMessage().endsWith("popline.yaml: call.after-greeting: 'jazz' is neither music nor silence"),
                e.getMessage());
        e = failure("call:\n  greeting: '  '\n");
        assertTrue(e.getMessage().endsWith("popline.yaml: call.greeting: must not be empty"), e.getMessage());
        e = failure("sip:\n  trust-asserted-identity: true\n");
        assertTrue(e.getMessage().contains("popline.yaml: sip.trust-asserted-identity: replaced by sip.trusted-proxies"),
                e.getMessage());
        e = failure("sip:\n  trusted-proxies: [proxy.lan]\n");
        assertTrue(e.getMessage().endsWith("popline.yaml: sip.trusted-proxies: 'proxy.lan' is not an IP address or "
                + "network (e.g. 10.0.0.0/8)"), e.getMessage());
        e = failure("sip:\n  tcp:\n    idle-timeout: 0s\n");
        assertTrue(e.getMessage().endsWith("popline.yaml: sip.tcp.idle-timeout: must be greater than zero"),
                e.getMessage());
    }

    @Test
    void overridesReachKeysNestedInASection() throws Exception {
        PoplineConfig c = ConfigLoader.load(ConfFolder.path(), new Overrides().set("crm.cache.ttl", "2m")
                .set("crm.circuit-breaker.window", "20").set("sip.tcp.idle-timeout", "30s").set("sip.transports", "tcp"));
        assertEquals(Duration.ofMinutes(2), c.crm().resilience().cacheTtl());
        assertEquals(20, c.crm().resilience().breakerWindow());
        assertEquals(Duration.ofSeconds(30), c.sip().tcpLimits().idleTimeout());
        assertFalse(c.sip().udp(), "transports: tcp only");
        assertTrue(c.sip().tcp());
    }

    @Test
    void aRealOrgNeedsItsAddressAndIdentityButNeverTheSecret() throws Exception {
        ConfigException e = failure("crm:\n  mode: dataverse\n  tenant: t\n  client-id: c\n");
        assertTrue(e.getMessage().contains("crm.org-url: required when crm.mode is dataverse"), e.getMessage());

        e = failure("crm:\n  mode: dataverse\n  org-url: http://x.crm.dynamics.com\n  tenant: t\n  client-id: c\n");
        assertTrue(e.getMessage().contains("crm.org-url: 'http://x.crm.dynamics.com' is not an https:// URL"),
                e.getMessage());

        e = failure("crm:\n  secret-env: s3cr3t-value!\n");
        assertTrue(e.getMessage().contains("crm.secret-env: 's3cr3t-value!' is not an environment variable name"),
                e.getMessage());

        Files.writeString(dir.resolve("popline.yaml"), "crm:\n  mode: dataverse\n  org-url: https://x.crm4.dynamics.com"
                + "\n  tenant: t\n  client-id: c\n  default-region: DE\n");
        CrmConfig crm = ConfigLoader.load(dir, new Overrides()).crm();
        assertTrue(!crm.emulated(), "dataverse mode");
        assertEquals("POPLINE_CRM_SECRET", crm.secretVariable());
        assertEquals("DE", crm.defaultRegion());
    }

    @Test
    void theShippedConfigurationHasOneQueueAndTwoDemoAgents() throws Exception {
        PoplineConfig c = ConfigLoader.load(ConfFolder.path(), new Overrides());
        assertEquals(List.of("support"), c.queues().stream().map(QueueSettings::name).toList());
        QueueSettings support = c.queues().get(0);
        assertEquals(Routing.LONGEST_AVAILABLE, support.routing());
        assertEquals(50, support.maxSize());
        assertEquals(Duration.ofMinutes(10), support.maxWait());
        assertEquals(Duration.ofSeconds(15), support.ringTimeout());
        assertEquals(Duration.ofSeconds(10), support.wrapUp());
        assertEquals(Optional.empty(), support.announceEvery());
        assertEquals(List.of("agent1", "agent2"), c.agents().stream().map(AgentAccount::id).toList());
        AgentAccount ada = c.agents().get(0);
        assertEquals("Ada Agent", ada.profile().displayName());
        assertEquals(Set.of("support"), ada.profile().queues());
        assertEquals("agent1", ada.sipUser());
        assertFalse(ada.toString().contains(ada.password()), "an account printed shows no password: " + ada);
        assertFalse(c.toString().contains(ada.password()), "nor does the whole configuration");
        RegistrarConfig r = c.registrar();
        assertEquals("popline", r.realm());
        assertEquals(List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5), r.algorithms());
        assertEquals(Duration.ofSeconds(60), r.minExpires());
        assertEquals(Duration.ofHours(1), r.maxExpires());
    }

    @Test
    void agentsAndQueuesTakeDefaultsAndOverrides() throws Exception {
        Files.writeString(dir.resolve("popline.yaml"), """
                queues:
                  support: {}
                  sales:
                    routing: ring-all
                    announce-every: 30s
                agents:
                  bob:
                    password: " spaces count "
                    queues: [support, sales]
                """);
        PoplineConfig c = ConfigLoader.load(dir, new Overrides().set("queues.support.ring-timeout", "5s")
                .set("agents.bob.queues", "sales"));
        assertEquals(Duration.ofSeconds(5), c.queues().get(0).ringTimeout());
        assertEquals(Routing.LONGEST_AVAILABLE, c.queues().get(0).routing());
        assertEquals(Routing.RING_ALL, c.queues().get(1).routing());
        assertEquals(Optional.of(Duration.ofSeconds(30)), c.queues().get(1).announceEvery());
        AgentAccount bob = c.agents().get(0);
        assertEquals("bob", bob.sipUser(), "the sip-user defaults to the id");
        assertEquals("bob", bob.profile().displayName());
        assertEquals(" spaces count ", bob.password());
        assertEquals(Set.of("sales"), bob.profile().queues());
    }

    @Test
    void anAgentMayHaveAnEmailThatFlowsNameThemBy() throws Exception {
        String queues = "queues:\n  support: {}\n";
        Files.writeString(dir.resolve("popline.yaml"), queues + "agents:\n  alice:\n    password: x\n"
                + "    queues: [support]\n    email: Alice.Smith@example.com\n  bob:\n    password: y\n    queues: [support]\n");
        PoplineConfig c = ConfigLoader.load(dir, new Overrides());
        assertEquals(Optional.of("Alice.Smith@example.com"), c.agents().get(0).email());
        assertEquals(Optional.empty(), c.agents().get(1).email());

        ConfigException e = failure(queues + "agents:\n  alice:\n    password: x\n    queues: [support]\n"
                + "    email: alice.example.com\n");
        assertTrue(e.getMessage().endsWith("popline.yaml: agents.alice.email: 'alice.example.com' is not an e-mail address"),
                e.getMessage());
        e = failure(queues + "agents:\n  alice:\n    password: x\n    queues: [support]\n    email: a@example.com\n"
                + "  bob:\n    password: y\n    queues: [support]\n    email: A@Example.com\n");
        assertTrue(e.getMessage().endsWith("popline.yaml: agents.bob.email: 'A@Example.com' is already the e-mail of agent alice"),
                e.getMessage());
    }

    @Test
    void aPasswordCanComeFromTheEnvironment() throws Exception {
        Files.writeString(dir.resolve("popline.yaml"), "queues:\n  support: {}\nagents:\n  ada:\n"
                + "    password-env: ADA_PASSWORD\n    queues: [support]\n");
        PoplineConfig c = ConfigLoader.load(dir, new Overrides(),
                Map.of("ADA_PASSWORD", "from-the-environment")::get);
        assertEquals("from-the-environment", c.agents().get(0).password());

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir, new Overrides(),
                name -> null));
        assertTrue(e.getMessage().endsWith("popline.yaml: agents.ada.password-env: environment variable ADA_PASSWORD is not set"),
                e.getMessage());
    }

    @Test
    void badAgentsStopStartUpNamingFileKeyAndProblem() throws Exception {
        String queues = "queues:\n  support: {}\n";
        ConfigException e = failure(queues + "agents:\n  alice:\n    password: x\n    queues: [sales]\n");
        assertTrue(e.getMessage().contains("popline.yaml: agents.alice.queues: unknown queue 'sales'"), e.getMessage());

        e = failure(queues + "agents:\n  alice:\n    password: x\n    queues: [support]\n"
                + "  bob:\n    sip-user: alice\n    password: y\n    queues: [support]\n");
        assertTrue(e.getMessage().contains("popline.yaml: agents.bob.sip-user: 'alice' is already the sip-user of agent alice"),
                e.getMessage());

        e = failure(queues + "agents:\n  alice:\n    queues: [support]\n");
        assertTrue(e.getMessage().contains("popline.yaml: agents.alice.password: missing"), e.getMessage());

        e = failure(queues + "agents:\n  alice:\n    password: \"\"\n    queues: [support]\n");
        assertTrue(e.getMessage().contains("agents.alice.password: must not be empty"), e.getMessage());

        e = failure(queues + "agents:\n  alice:\n    password: x\n    password-env: ALICE\n    queues: [support]\n");
        assertTrue(e.getMessage().contains("agents.alice.password: give password or password-env, not both"),
                e.getMessage());

        e = failure(queues + "agents:\n  alice:\n    password: x\n");
        assertTrue(e.getMessage().contains("agents.alice.queues: needs at least one queue"), e.getMessage());

        e = failure(queues + "agents:\n  alice:\n    password: x\n    queues: [support]\n    pasword: y\n");
        assertTrue(e.getMessage().endsWith("agents.alice.pasword: unknown key"), e.getMessage());

        e = failure(queues + "agents:\n  alice:\n    password: x\n    queues: [support]\n  alice:\n    password: y\n");
        assertTrue(e.getMessage().contains("not valid YAML") && e.getMessage().contains("alice"), e.getMessage());

        e = failure(queues + "agents:\n  al.ice:\n    password: x\n    queues: [support]\n");
        assertTrue(e.getMessage().contains("agents.al.ice: 'al.ice' is not a name"), e.getMessage());
    }

    @Test
    void badQueuesAndRegistrarSettingsStopStartUp() throws Exception {
        ConfigException e = failure("queues:\n  support:\n    routing: fastest\n");
        assertTrue(e.getMessage().contains("queues.support.routing: unknown routing 'fastest' (use longest-available, "
                + "round-robin, ring-all)"), e.getMessage());

        e = failure("queues:\n  support:\n    ring-timeout: 15 seconds\n");
        assertTrue(e.getMessage().contains("queues.support.ring-timeout: '15 seconds' is not a duration"), e.getMessage());

        e = failure("queues:\n  support:\n    max-wait: 0s\n");
        assertTrue(e.getMessage().contains("queues.support.max-wait: must be greater than zero"), e.getMessage());

        e = failure("queues:\n  support:\n    max-size: 0\n");
        assertTrue(e.getMessage().contains("queues.support.max-size: 0 is out of range"), e.getMessage());

        e = failure("queues: [support]\n");
        assertTrue(e.getMessage().contains("queues: must be a mapping of queue name to queue"), e.getMessage());

        e = failure("sip:\n  digest-algorithms: [sha-512, md5]\n");
        assertTrue(e.getMessage().contains("sip.digest-algorithms: unknown algorithm 'sha-512'"), e.getMessage());

        e = failure("sip:\n  realm: 'a\"b'\n");
        assertTrue(e.getMessage().contains("sip.realm: "), e.getMessage());

        e = failure("registrar:\n  min-expires: 2h\n");
        assertTrue(e.getMessage().contains("registrar.min-expires: is longer than registrar.max-expires"), e.getMessage());

        e = failure("registrar:\n  min-expires: 1500ms\n");
        assertTrue(e.getMessage().contains("registrar.min-expires: must be whole seconds"), e.getMessage());
    }

    @Test
    void eachSurfaceListensOnItsOwnAddress() throws Exception {
        PoplineConfig shipped = ConfigLoader.load(ConfFolder.path(), new Overrides());
        assertEquals("127.0.0.1", shipped.desk().bindAddress().getHostAddress());
        assertEquals("127.0.0.1", shipped.http().bindAddress().getHostAddress());
        assertEquals("127.0.0.1", shipped.crm().emulatorBindAddress().getHostAddress());

        PoplineConfig moved = ConfigLoader.load(ConfFolder.path(), new Overrides().set("sip.bind-address", "127.0.0.2"));
        assertEquals("127.0.0.2", moved.sip().bindAddress().getHostAddress());
        assertEquals("127.0.0.2", moved.desk().bindAddress().getHostAddress(), "the agents' page follows SIP");
        assertEquals("127.0.0.1", moved.http().bindAddress().getHostAddress(), "the admin API stays on loopback");
        assertEquals("127.0.0.1", moved.crm().emulatorBindAddress().getHostAddress(), "so does the emulator");

        PoplineConfig own = ConfigLoader.load(ConfFolder.path(), new Overrides().set("sip.bind-address", "127.0.0.2")
                .set("desk.bind-address", "127.0.0.3").set("http.bind-address", "127.0.0.4")
                .set("crm.emulator.bind-address", "127.0.0.5"));
        assertEquals("127.0.0.3", own.desk().bindAddress().getHostAddress());
        assertEquals("127.0.0.4", own.http().bindAddress().getHostAddress());
        assertEquals("127.0.0.5", own.crm().emulatorBindAddress().getHostAddress());

        for (String key : List.of("desk.bind-address", "http.bind-address", "crm.emulator.bind-address")) {
            String[] path = key.split("\\.");
            String yaml = path.length == 2 ? path[0] + ":\n  " + path[1] + ": lan\n"
                    : path[0] + ":\n  " + path[1] + ":\n    " + path[2] + ": lan\n";
            ConfigException e = failure(yaml);
            assertTrue(e.getMessage().endsWith("popline.yaml: " + key + ": 'lan' is not an IPv4 address"), e.getMessage());
        }
    }

    @Test
    void aWildcardBindWorksWithAnAdvertisedAddress() throws Exception {
        Files.writeString(dir.resolve("popline.yaml"), "sip:\n  bind-address: 0.0.0.0\n  advertised-address: 127.0.0.2\n");
        PoplineConfig c = ConfigLoader.load(dir, new Overrides());
        assertTrue(c.sip().bindAddress().isAnyLocalAddress());
        assertEquals("127.0.0.2", c.sip().advertisedAddress());
        assertTrue(c.desk().bindAddress().isAnyLocalAddress());

        ConfigException e = failure("sip:\n  bind-address: 0.0.0.0\n");
        assertTrue(e.getMessage().contains("popline.yaml: sip.advertised-address: required when sip.bind-address is a "
                + "wildcard address"), e.getMessage());
    }

    @Test
    void labPasswordsAreRefusedOffLoopback() throws Exception {
        // The shipped agents keep their lab passwords: fine on loopback, 127.0.0.2 included.
        ConfigLoader.load(ConfFolder.path(), new Overrides().set("sip.bind-address", "127.0.0.2"));

        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(ConfFolder.path(),
                new Overrides().set("sip.bind-address", "192.0.2.10")));
        assertTrue(e.getMessage().contains("popline.yaml: agents.agent1.password: is a shipped lab password"),
                e.getMessage());
        assertTrue(e.getMessage().contains("SIP on 192.0.2.10"), e.getMessage());
        assertFalse(e.getMessage().contains("lab-agent1-change-me"), "the message names the key, not the password");

        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(ConfFolder.path(),
                new Overrides().set("desk.bind-address", "0.0.0.0")));
        assertTrue(e.getMessage().contains("agents.agent1.password: ") && e.getMessage().contains("the agents' page on 0.0.0.0"),
                e.getMessage());

        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(ConfFolder.path(),
                new Overrides().set("sip.bind-address", "192.0.2.10").set("agents.agent1.password", "a-real-one")));
        assertTrue(e.getMessage().contains("agents.agent2.password: is a shipped lab password"), e.getMessage());

        String copied = "queues:\n  support: {}\nagents:\n  agent3:\n    password-env: AGENT3\n    queues: [support]\n"
                + "sip:\n  bind-address: 192.0.2.10\n";
        Files.writeString(dir.resolve("popline.yaml"), copied);
        e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir, new Overrides(),
                Map.of("AGENT3", "LAB-agent3-change-me")::get));
        assertTrue(e.getMessage().endsWith("popline.yaml: agents.agent3.password-env: is a shipped lab password "
                + "(lab-...-change-me), which anyone can read; Popline will not serve SIP on 192.0.2.10 with it: "
                + "give the agent a password of its own, best through password-env"), e.getMessage());

        PoplineConfig c = ConfigLoader.load(ConfFolder.path(), new Overrides().set("sip.bind-address", "192.0.2.10")
                .set("agents.agent1.password", "a-real-one").set("agents.agent2.password", "change-me-not-lab"));
        assertEquals("192.0.2.10", c.sip().bindAddress().getHostAddress());
    }

    @Test
    void aMissingFileIsNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir, new Overrides()));
        assertTrue(e.getMessage().contains("popline.yaml: file not found"), e.getMessage());
    }

    @Test
    void anEmptyFileMeansDefaults() throws Exception {
        Files.writeString(dir.resolve("popline.yaml"), "");
        PoplineConfig c = ConfigLoader.load(dir, new Overrides());
        assertEquals(5060, c.sip().port());
    }

    private static final String TWO_QUEUES = "queues:\n  support: {}\n  sales: {}\n";

    @Test
    void webexIdsMapToConfiguredConnectorQueuesAndSchedules() throws Exception {
        Files.writeString(dir.resolve("popline.yaml"), TWO_QUEUES + """
                webex:
                  connectors:
                    0b1c-salesforce: dynamics
                  queues:
                    Q123: sales
                  default-queue: sales
                  business-hours:
                    bh-77: office
                business-hours:
                  office:
                    zone: Europe/Berlin
                    working:
                      monday: [09:00-12:00, 13:00-17:00]
                      friday: 09:00-15:00
                    holidays: [2025-12-25, 2025-12-26]
                    overrides:
                      2025-12-24: [09:00-12:00]
                """);
        PoplineConfig c = ConfigLoader.load(dir, new Overrides().set("webex.queues.Q9", "support"));
        WebexMapping webex = c.webex();
        assertEquals(Map.of("0b1c-salesforce", "dynamics"), webex.connectors());
        assertEquals(Optional.of("dynamics"), webex.defaultConnector());
        assertEquals(Map.of("Q123", "sales", "Q9", "support"), webex.queues());
        assertEquals("sales", webex.defaultQueue());
        assertEquals(List.of("support", "sales"), webex.queueNames());
        assertEquals(Map.of("bh-77", "office"), webex.businessHours());

        BusinessHours office = c.businessHours().get("office");
        assertEquals(ZoneId.of("Europe/Berlin"), office.zone());
        assertEquals(State.WORKING, office.at(berlin("2025-12-22T10:00")));
        assertEquals(State.CLOSED, office.at(berlin("2025-12-22T12:30")));
        assertEquals(State.WORKING, office.at(berlin("2025-12-22T16:30")));
        // 16:30 in UTC is 17:30 in Berlin: the schedule's own zone decides.
        assertEquals(State.CLOSED, office.at(ZonedDateTime.parse("2025-12-22T16:30:00Z")));
        assertEquals(State.WORKING, office.at(berlin("2025-12-19T14:00")));
        assertEquals(State.CLOSED, office.at(berlin("2025-12-19T15:00")));
        assertEquals(State.CLOSED, office.at(berlin("2025-12-23T10:00")));
        assertEquals(State.OVERRIDE, office.at(berlin("2025-12-24T10:00")));
        assertEquals(State.HOLIDAY, office.at(berlin("2025-12-26T10:00")));
    }

    private static ZonedDateTime berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZoneId.of("Europe/Berlin"));
    }

    /** The commented examples in the shipped file, switched on, are valid configuration. */
    @Test
    void theShippedWebexAndBusinessHoursExamplesLoad() throws Exception {
        String shipped = Files.readString(ConfFolder.path().resolve("popline.yaml"));
        int examples = shipped.indexOf("# webex:");
        assertTrue(examples > 0, "conf/popline.yaml has no commented webex example");
        String on = shipped.substring(examples).lines()
                .map(l -> l.matches("# (webex:|business-hours:| {2,}\\S.*)") ? l.substring(2) : l)
                .collect(java.util.stream.Collectors.joining("\n"));
        Files.writeString(dir.resolve("popline.yaml"), shipped.substring(0, examples) + on + "\n");
        PoplineConfig c = ConfigLoader.load(dir, new Overrides());
        assertEquals(Map.of("81350cc8-queue-id", "support"), c.webex().queues());
        assertEquals(Map.of("b7c5-hours-id", "office"), c.webex().businessHours());
        assertEquals(State.HOLIDAY, c.businessHours().get("office").at(berlin("2025-12-25T10:00")));
    }

    @Test
    void withoutWebexKeysEveryConnectorIsTheCrmAndTheFirstQueueTheDefault() throws Exception {
        PoplineConfig c = ConfigLoader.load(ConfFolder.path(), new Overrides());
        assertEquals(Map.of(), c.webex().connectors());
        assertEquals(Optional.of("dynamics"), c.webex().defaultConnector());
        assertEquals(Optional.of("dynamics"), c.webex().crmConnector());
        assertEquals("support", c.webex().defaultQueue());
        assertEquals(Map.of(), c.webex().queues());
        assertEquals(Map.of(), c.businessHours());
    }

    @Test
    void badWebexMappingsStopStartUpNamingFileKeyAndProblem() throws Exception {
        ConfigException e = failure("queues:\n  support: {}\nwebex:\n  queues:\n    Q123: sales\n");
        assertTrue(e.getMessage().endsWith("popline.yaml: webex.queues.Q123: no queue named 'sales' (queues: support)"),
                e.getMessage());
        e = failure("queues:\n  support: {}\nwebex:\n  default-queue: sales\n");
        assertTrue(e.getMessage().endsWith("popline.yaml: webex.default-queue: no queue named 'sales' (queues: support)"),
                e.getMessage());
        e = failure("webex:\n  default-queue: sales\n");
        assertTrue(e.getMessage().endsWith("webex.default-queue: no queue named 'sales' (queues: none)"), e.getMessage());
        e = failure("webex:\n  connectors:\n    abc-1: salesforce\n");
        assertTrue(e.getMessage().endsWith(
                "popline.yaml: webex.connectors.abc-1: no connector named 'salesforce' (connectors: dynamics)"),
                e.getMessage());
        e = failure("webex:\n  business-hours:\n    bh-1: office\n");
        assertTrue(e.getMessage().endsWith(
                "webex.business-hours.bh-1: no business hours named 'office' (business-hours: none)"), e.getMessage());
        e = failure("webex:\n  queues: [Q123]\n");
        assertTrue(e.getMessage().endsWith("webex.queues: must be a mapping of queue id to queue"), e.getMessage());
        e = failure("webex:\n  queues:\n    Q123: {sales: 1}\n");
        assertTrue(e.getMessage().contains("webex.queues.Q123: must be a single value"), e.getMessage());
        e = failure("webex:\n  queus:\n    Q123: support\n");
        assertTrue(e.getMessage().endsWith("popline.yaml: webex.queus: unknown key"), e.getMessage());
    }

    @Test
    void badBusinessHoursStopStartUpNamingFileKeyAndProblem() throws Exception {
        String office = "business-hours:\n  office:\n";
        ConfigException e = failure(office + "    zone: Mars/Olympus\n");
        assertTrue(e.getMessage().endsWith("business-hours.office.zone: 'Mars/Olympus' is not a time zone like "
                + "Europe/Berlin or America/New_York"), e.getMessage());
        e = failure(office + "    working:\n      funday: [09:00-17:00]\n");
        assertTrue(e.getMessage().endsWith("business-hours.office.working.funday: 'funday' is not a weekday "
                + "(monday ... sunday)"), e.getMessage());
        e = failure(office + "    working:\n      monday: [9-5]\n");
        assertTrue(e.getMessage().endsWith("business-hours.office.working.monday: '9-5' is not hours like 09:00-17:30"),
                e.getMessage());
        e = failure(office + "    working:\n      monday: [17:00-09:00]\n");
        assertTrue(e.getMessage().endsWith("business-hours.office.working.monday: hours end before they start: "
                + "17:00-09:00"), e.getMessage());
        e = failure(office + "    holidays: [christmas]\n");
        assertTrue(e.getMessage().endsWith("business-hours.office.holidays: 'christmas' is not a date like 2025-12-25"),
                e.getMessage());
        e = failure(office + "    overrides:\n      xmas-eve: [09:00-12:00]\n");
        assertTrue(e.getMessage().endsWith("business-hours.office.overrides.xmas-eve: 'xmas-eve' is not a date like "
                + "2025-12-25"), e.getMessage());
        e = failure(office + "    workinghours:\n      monday: [09:00-17:00]\n");
        assertTrue(e.getMessage().endsWith("business-hours.office.workinghours: unknown key"), e.getMessage());
        e = failure("business-hours: [office]\n");
        assertTrue(e.getMessage().endsWith("business-hours: must be a mapping of schedule name to schedule"),
                e.getMessage());
    }
}
