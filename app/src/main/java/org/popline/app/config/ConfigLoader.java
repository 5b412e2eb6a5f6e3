package org.popline.app.config;

import org.popline.sip.registrar.AgentAccount;
import org.popline.sip.registrar.RegistrarConfig;
import org.popline.sip.signalling.SipStackFactory;
import org.popline.sip.signalling.TrustedProxies;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.popline.ivr.hours.BusinessHours;
import org.popline.ivr.webex.WebexMapping;
import org.popline.media.MediaEngine;
import org.popline.media.audio.AudioClip;
import org.popline.media.audio.WavFile;
import org.popline.queue.QueueSettings;

/** Loads {@code popline.yaml} from a configuration folder, applies overrides and validates every key. */
public final class ConfigLoader {
    public static final String FILE_NAME = "popline.yaml";

    // A key given twice (two agents with the same id, say) is an error, not silently the last one.
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ConfigLoader() {
    }

    public static PoplineConfig load(Path confDir, Overrides overrides) throws ConfigException {
        return load(confDir, overrides, System::getenv);
    }

    /** @param env reads an environment variable (null when unset): where {@code password-env} points */
    public static PoplineConfig load(Path confDir, Overrides overrides, Function<String, String> env)
            throws ConfigException {
        Path file = confDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": file not found (give the configuration folder with --conf)");
        }
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getOriginalMessage()
                    + location(e), e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            root = YAML.createObjectNode();
        }
        if (!root.isObject()) {
            throw new ConfigException(file + ": the top level must be a mapping of sections (sip, rtp, http, call, ...)");
        }
        for (Map.Entry<String, String> o : overrides.values().entrySet()) {
            put((ObjectNode) root, o.getKey(), o.getValue());
        }
        return read(new ConfigReader(file.toString(), root), confDir, env);
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
    }

    private static void put(ObjectNode root, String dottedKey, String value) {
        String[] parts = dottedKey.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (!(child instanceof ObjectNode)) {
                child = node.putObject(parts[i]);
            }
            node = (ObjectNode) child;
        }
        node.put(parts[parts.length - 1], value);
    }

    private static PoplineConfig read(ConfigReader r, Path confDir, Function<String, String> env)
            throws ConfigException {
        InetAddress bind = address(r, "sip.bind-address", r.string("sip.bind-address", "127.0.0.1"));
        String advertised = r.string("sip.advertised-address", bind.isAnyLocalAddress() ? null : bind.getHostAddress());
        if (advertised == null) {
            throw r.error("sip.advertised-address",
                    "required when sip.bind-address is a wildcard address: the address peers should send SIP and RTP to");
        }
        address(r, "sip.advertised-address", advertised);
        int sipPort = r.integer("sip.port", 5060, 1, 65535);
        var transports = r.stringList("sip.transports", java.util.List.of("udp", "tcp"));
        for (String t : transports) {
            if (!t.equals("udp") && !t.equals("tcp")) {
                throw r.error("sip.transports", "unknown transport '" + t + "' (use udp and/or tcp)");
            }
        }
        if (transports.isEmpty()) {
            throw r.error("sip.transports", "needs at least one of udp, tcp");
        }
        if (r.has("sip.trust-asserted-identity")) {
            throw r.error("sip.trust-asserted-identity",
                    "replaced by sip.trusted-proxies: the addresses or networks of the proxies whose P-Asserted-Identity counts");
        }
        TrustedProxies trustedProxies = trustedProxies(r, "sip.trusted-proxies");
        SipStackFactory.TcpLimits tcpLimits = new SipStackFactory.TcpLimits(
                r.integer("sip.tcp.max-connections", 1024, 1, 100_000),
                r.integer("sip.tcp.max-connections-per-address", 64, 1, 100_000),
                r.duration("sip.tcp.idle-timeout", Duration.ofMinutes(5), false));
        Duration noAck = r.duration("sip.no-ack-timeout", Duration.ofSeconds(32), false);

        PortRange rtp = PortRange.parse(r, "rtp.ports", r.string("rtp.ports", "20000-29999"));
        Duration rtpTimeout = r.duration("rtp.timeout", Duration.ofSeconds(30), false);
        int clockThreads = r.integer("rtp.clock-threads", MediaEngine.defaultClockThreads(), 1, 64);
        int rtpPriority = r.integer("rtp.realtime-priority", 10, 0, 99);
        int strictProbation = r.integer("rtp.strict-probation", MediaEngine.DEFAULT_STRICT_RTP_PROBATION, 1, 100);
        int httpPort = r.integer("http.port", 8080, 0, 65535);
        // The admin API has no business on the LAN: loopback unless a key says otherwise, whatever --bind says.
        InetAddress httpBind = address(r, "http.bind-address", r.string("http.bind-address", "127.0.0.1"));

        String voice = r.string("call.voice", "kevin");
        if (!voice.equals("kevin")) {
            throw r.error("call.voice", "unknown voice '" + voice + "' (available: kevin)");
        }
        String greeting = r.string("call.greeting", "Welcome to Popline.");
        if (greeting.isBlank()) {
            throw r.error("call.greeting", "must not be empty");
        }
        boolean interruptible = r.bool("call.greeting-interruptible", true);
        AudioClip music = audio(r, confDir, "call.music", r.string("call.music", "audio/hold-music.wav"));
        String afterGreeting = r.string("call.after-greeting", "music");
        if (!afterGreeting.equals("music") && !afterGreeting.equals("silence")) {
            throw r.error("call.after-greeting", "'" + afterGreeting + "' is neither music nor silence");
        }
        boolean inbandDtmf = r.bool("call.inband-dtmf", false);
        Duration answerDelay = r.duration("call.answer-after", Duration.ZERO, true);
        Duration maxDuration = r.duration("call.max-duration", Duration.ofHours(1), false);
        int maxCalls = r.integer("call.max-concurrent", 2000, 1, 100_000);
        CrmConfig crm = crm(r, confDir);
        String flow = r.string("call.flow", "flows/ms-dynamics.yaml");
        Path flowFile = flow.equals("greeting") ? null : confDir.resolve(flow);
        if (flowFile != null && !Files.isRegularFile(flowFile)) {
            throw r.error("call.flow", flowFile + ": file not found (a flow file, or greeting)");
        }
        RegistrarConfig registrar = RegistrarReader.read(r);
        List<QueueSettings> queues = QueuesReader.read(r);
        List<AgentAccount> agents = AgentsReader.read(r,
                queues.stream().map(QueueSettings::name).collect(Collectors.toCollection(LinkedHashSet::new)), env);
        Path cdrFolder = installationDir(confDir).resolve(r.string("cdr.folder", "var/cdr"));
        DeskConfig desk = desk(r, bind, confDir, crm.emulatorTls(), env);
        LabPasswords.refuseOnNetwork(r, agents, bind, desk.bindAddress());
        HttpAccess httpAccess = httpAccess(r, confDir);
        Map<String, BusinessHours> businessHours = BusinessHoursReader.read(r);
        WebexMapping webex = WebexReader.read(r, queues.stream().map(QueueSettings::name).toList(),
                businessHours.keySet());
        ClusterConfig cluster = ClusterReader.read(r);
        r.rejectUnknownKeys();
        return new PoplineConfig(confDir, bind, advertised, sipPort, transports.contains("udp"), transports.contains("tcp"),
                tcpLimits, trustedProxies, rtp.min(), rtp.max(), rtpTimeout, clockThreads, rtpPriority, strictProbation, httpPort, voice, greeting, interruptible, music, afterGreeting.equals("music"), inbandDtmf, answerDelay, maxDuration, maxCalls, noAck, crm, flowFile,
                registrar, queues, agents, cdrFolder, desk, httpBind, httpAccess, webex, businessHours, cluster);
    }

    static TrustedProxies trustedProxies(ConfigReader r, String key) throws ConfigException {
        try {
            return TrustedProxies.of(r.list(key, List.of()));
        } catch (IllegalArgumentException e) {
            throw r.error(key, e.getMessage());
        }
    }

    /**
     * Where relative data folders (not configuration) live: the conf folder's parent, so that call
     * records do not end up among the files an operator edits and versions.
     */
    private static Path installationDir(Path confDir) {
        Path parent = confDir.toAbsolutePath().normalize().getParent();
        return parent == null ? confDir.toAbsolutePath() : parent;
    }

    private static HttpAccess httpAccess(ConfigReader r, Path confDir) throws ConfigException {
        String variable = environmentVariable(r, "http.token-env", "POPLINE_ADMIN_TOKEN");
        Path tokenFile = installationDir(confDir).resolve(r.string("http.token-file", "var/admin-token"));
        List<String> hosts = r.list("http.allowed-hosts", List.of());
        for (String host : hosts) {
            if (!host.matches("[A-Za-z0-9.:-]+")) {
                throw r.error("http.allowed-hosts", "'" + host + "' is not a host name or address");
            }
        }
        return new HttpAccess(variable, tokenFile, hosts);
    }

    private static String environmentVariable(ConfigReader r, String key, String fallback) throws ConfigException {
        String variable = r.string(key, fallback);
        if (!variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw r.error(key, "'" + variable
                    + "' is not an environment variable name (put the secret in the environment, not here)");
        }
        return variable;
    }

    private static DeskTls deskTls(ConfigReader r, Path confDir, Path labFolder, Function<String, String> env)
            throws ConfigException {
        String mode = r.string("desk.tls.mode", "auto");
        if (!List.of("auto", "on", "off").contains(mode)) {
            throw r.error("desk.tls.mode", "'" + mode + "' is none of auto, on, off");
        }
        java.util.Optional<Path> certificate = existingFile(r, "desk.tls.certificate", confDir);
        java.util.Optional<Path> key = existingFile(r, "desk.tls.key", confDir);
        java.util.Optional<Path> pkcs12 = existingFile(r, "desk.tls.pkcs12", confDir);
        if (certificate.isPresent() != key.isPresent()) {
            throw r.error(certificate.isPresent() ? "desk.tls.key" : "desk.tls.certificate",
                    "give desk.tls.certificate and desk.tls.key together");
        }
        if (certificate.isPresent() && pkcs12.isPresent()) {
            throw r.error("desk.tls.pkcs12", "give desk.tls.certificate and key, or desk.tls.pkcs12, not both");
        }
        String variable = environmentVariable(r, "desk.tls.pkcs12-password-env", "POPLINE_DESK_TLS_PASSWORD");
        String password = "";
        if (pkcs12.isPresent()) {
            password = env.apply(variable);
            if (password == null) {
                throw r.error("desk.tls.pkcs12-password-env", "environment variable " + variable
                        + " is not set (the password of " + pkcs12.get() + ")");
            }
        }
        return new DeskTls(DeskTls.Mode.valueOf(mode.toUpperCase(java.util.Locale.ROOT)), certificate, key, pkcs12,
                password, labFolder);
    }

    private static java.util.Optional<Path> existingFile(ConfigReader r, String key, Path confDir)
            throws ConfigException {
        String name = r.string(key, null);
        if (name == null) {
            return java.util.Optional.empty();
        }
        Path file = confDir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw r.error(key, file + ": file not found");
        }
        return java.util.Optional.of(file);
    }

    /** Agents' browsers are where their phones are, so the page listens with SIP unless told otherwise. */
    private static DeskConfig desk(ConfigReader r, InetAddress sipBind, Path confDir, Path labFolder,
            Function<String, String> env) throws ConfigException {
        InetAddress bind = address(r, "desk.bind-address", r.string("desk.bind-address", sipBind.getHostAddress()));
        int port = r.integer("desk.port", 8090, 0, 65535);
        List<String> reasons = r.stringList("desk.not-ready-reasons", List.of("break", "lunch", "training", "meeting"));
        if (reasons.isEmpty() || reasons.stream().anyMatch(String::isBlank)) {
            throw r.error("desk.not-ready-reasons", "needs at least one reason, none of them empty");
        }
        if (reasons.stream().distinct().count() != reasons.size()) {
            throw r.error("desk.not-ready-reasons", "names a reason twice");
        }
        return new DeskConfig(port, reasons, bind, deskTls(r, confDir, labFolder, env));
    }

    private static CrmConfig crm(ConfigReader r, Path confDir) throws ConfigException {
        String mode = r.string("crm.mode", "emulator");
        if (!mode.equals("emulator") && !mode.equals("dataverse")) {
            throw r.error("crm.mode", "'" + mode + "' is neither emulator nor dataverse");
        }
        boolean emulated = mode.equals("emulator");
        int port = r.integer("crm.emulator.port", 8443, 0, 65535);
        // Only Popline itself talks to the emulator; an agent's browser opening its forms elsewhere needs this key.
        InetAddress emulatorBind = address(r, "crm.emulator.bind-address",
                r.string("crm.emulator.bind-address", "127.0.0.1"));
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
        String secretVariable = environmentVariable(r, "crm.secret-env", "POPLINE_CRM_SECRET");
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
        Duration ttl = r.duration("crm.cache.ttl", Duration.ofMinutes(1), true);
        Duration maxStale = r.duration("crm.cache.max-stale", Duration.ofMinutes(30), true);
        if (maxStale.compareTo(ttl) < 0) {
            throw r.error("crm.cache.max-stale", "must be at least crm.cache.ttl (" + ttl + ")");
        }
        CrmConfig.Resilience resilience = new CrmConfig.Resilience(ttl, maxStale,
                r.integer("crm.circuit-breaker.window", 10, 1, 1000),
                r.integer("crm.circuit-breaker.minimum-calls", 5, 1, 1000),
                r.integer("crm.circuit-breaker.failure-rate", 50, 1, 100),
                r.duration("crm.circuit-breaker.open-for", Duration.ofSeconds(30), false));
        return new CrmConfig(emulated, port, seed, tls, orgUrl, loginUrl, tenant, clientId, secretVariable, region,
                budget, phoneColumns, resilience, emulatorBind);
    }

    private static URI httpsUrl(ConfigReader r, String key, String text) throws ConfigException {
        try {
            URI uri = new URI(text);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw r.error(key, "'" + text + "' is not an https:// URL");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw r.error(key, "'" + text + "' is not a URL");
        }
    }

    /** An audio file named relative to the configuration folder, loaded and checked now rather than mid-call. */
    private static AudioClip audio(ConfigReader r, Path confDir, String key, String relative) throws ConfigException {
        Path file = confDir.resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw r.error(key, file + ": file not found");
        }
        try {
            return WavFile.load(file);
        } catch (IOException e) {
            throw r.error(key, e.getMessage());
        }
    }

    static InetAddress address(ConfigReader r, String key, String text) throws ConfigException {
        if (!text.matches("[0-9.]+") || text.split("\\.").length != 4) {
            throw r.error(key, "'" + text + "' is not an IPv4 address");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw r.error(key, "'" + text + "' is not an IPv4 address");
        }
    }
}
