package org.popline.app.config;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/** Reads the {@code desk} section: the agents' page and its TLS. */
final class DeskReader {
    private DeskReader() {
    }

    /**
     * Agents' browsers are where their phones are, so the page listens with SIP unless told otherwise.
     *
     * @param labFolder where a lab certificate is made when no certificate is given
     * @param env       reads an environment variable (null when unset)
     */
    static DeskConfig read(ConfigReader r, InetAddress sipBind, Path confDir, Path labFolder,
            Function<String, String> env) throws ConfigException {
        InetAddress bind = r.address("desk.bind-address", sipBind.getHostAddress());
        int port = r.integer("desk.port", 8090, 0, 65535);
        List<String> reasons = r.stringList("desk.not-ready-reasons", List.of("break", "lunch", "training", "meeting"));
        if (reasons.isEmpty() || reasons.stream().anyMatch(String::isBlank)) {
            throw r.error("desk.not-ready-reasons", "needs at least one reason, none of them empty");
        }
        if (reasons.stream().distinct().count() != reasons.size()) {
            throw r.error("desk.not-ready-reasons", "names a reason twice");
        }
        return new DeskConfig(port, reasons, bind, tls(r, confDir, labFolder, env));
    }

    private static DeskTls tls(ConfigReader r, Path confDir, Path labFolder, Function<String, String> env)
            throws ConfigException {
        String mode = r.string("desk.tls.mode", "auto");
        if (!List.of("auto", "on", "off").contains(mode)) {
            throw r.error("desk.tls.mode", "'" + mode + "' is none of auto, on, off");
        }
        Optional<Path> certificate = existingFile(r, "desk.tls.certificate", confDir);
        Optional<Path> key = existingFile(r, "desk.tls.key", confDir);
        Optional<Path> pkcs12 = existingFile(r, "desk.tls.pkcs12", confDir);
        if (certificate.isPresent() != key.isPresent()) {
            throw r.error(certificate.isPresent() ? "desk.tls.key" : "desk.tls.certificate",
                    "give desk.tls.certificate and desk.tls.key together");
        }
        if (certificate.isPresent() && pkcs12.isPresent()) {
            throw r.error("desk.tls.pkcs12", "give desk.tls.certificate and key, or desk.tls.pkcs12, not both");
        }
        String variable = r.environmentVariable("desk.tls.pkcs12-password-env", "POPLINE_DESK_TLS_PASSWORD");
        String password = "";
        if (pkcs12.isPresent()) {
            password = env.apply(variable);
            if (password == null) {
                throw r.error("desk.tls.pkcs12-password-env", "environment variable " + variable
                        + " is not set (the password of " + pkcs12.get() + ")");
            }
        }
        return new DeskTls(DeskTls.Mode.valueOf(mode.toUpperCase(Locale.ROOT)), certificate, key, pkcs12,
                password, labFolder);
    }

    private static Optional<Path> existingFile(ConfigReader r, String key, Path confDir) throws ConfigException {
        String name = r.string(key, null);
        if (name == null) {
            return Optional.empty();
        }
        Path file = confDir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw r.error(key, file + ": file not found");
        }
        return Optional.of(file);
    }
}
