package org.popline.app.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.popline.ivr.hours.BusinessHours;
import org.popline.ivr.webex.WebexMapping;
import org.popline.queue.QueueSettings;
import org.popline.sip.registrar.AgentAccount;
import org.popline.sip.registrar.RegistrarConfig;

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

    /** Each section by its own reader, in an order where a section that defaults from another comes after it. */
    private static PoplineConfig read(ConfigReader r, Path confDir, Function<String, String> env)
            throws ConfigException {
        Path installation = installationDir(confDir);
        SipConfig sip = SipReader.read(r);
        RtpConfig rtp = RtpReader.read(r);
        HttpConfig http = HttpReader.read(r, installation);
        CallConfig call = CallReader.read(r, confDir);
        CrmConfig crm = CrmReader.read(r, confDir);
        RegistrarConfig registrar = RegistrarReader.read(r);
        List<QueueSettings> queues = QueuesReader.read(r);
        List<String> queueNames = queues.stream().map(QueueSettings::name).toList();
        List<AgentAccount> agents = AgentsReader.read(r, new LinkedHashSet<>(queueNames), env);
        Path cdrFolder = installation.resolve(r.string("cdr.folder", "var/cdr"));
        DeskConfig desk = DeskReader.read(r, sip.bindAddress(), confDir, crm.emulatorTls(), env);
        LabPasswords.refuseOnNetwork(r, agents, sip.bindAddress(), desk.bindAddress());
        Map<String, BusinessHours> businessHours = BusinessHoursReader.read(r);
        WebexMapping webex = WebexReader.read(r, queueNames, businessHours.keySet());
        ClusterConfig cluster = ClusterReader.read(r);
        r.rejectUnknownKeys();
        return new PoplineConfig(confDir, sip, registrar, rtp, http, call, crm, queues, agents, cdrFolder, desk,
                businessHours, webex, cluster);
    }

    /**
     * Where relative data folders (not configuration) live: the conf folder's parent, so that call
     * records do not end up among the files an operator edits and versions.
     */
    private static Path installationDir(Path confDir) {
        Path parent = confDir.toAbsolutePath().normalize().getParent();
        return parent == null ? confDir.toAbsolutePath() : parent;
    }
}
