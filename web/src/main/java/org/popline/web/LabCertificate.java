package org.popline.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed lab TLS certificate (the CRM emulator's, the agents' page's), generated with the JDK's keytool at
 * first use and reused until it nears expiry or no longer names every host it must. Clients trust exactly this
 * certificate, through {@link #pemFile()} or {@link #trustStore()}, instead of switching verification off.
 * Processes sharing one folder take turns through a lock file, so two first starts at once do not race.
 */
public final class LabCertificate {

    /** What every lab certificate names: the machine's loopback addresses. */
    public static final List<String> LOOPBACK = List.of("127.0.0.1", "::1", "localhost");
    /** The key store lives in a git-ignored lab folder; its password protects nothing a local user could not read. */
    private static final char[] PASSWORD = "popline-lab".toCharArray();
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofDays(30);
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private final KeyStore keyStore;
    private final X509Certificate certificate;
    private final Path pemFile;
    private final String alias;

    private LabCertificate(KeyStore keyStore, X509Certificate certificate, Path pemFile, String alias) {
        this.keyStore = keyStore;
        this.certificate = certificate;
        this.pemFile = pemFile;
        this.alias = alias;
    }

    /**
     * Loads {@code folder/NAME.p12}, generating it (and the folder) when missing, nearly expired or not naming
     * every one of {@code hosts} (IP addresses or DNS names); {@code folder/NAME.pem} holds the certificate alone.
     * A new certificate names what the old one did as well, so another process serving under other names keeps
     * working.
     *
     * @param name        file name and key alias, e.g. {@code dataverse-emulator}
     * @param description the certificate's common name, e.g. {@code Popline Dataverse emulator}
     */
    public static synchronized LabCertificate loadOrCreate(Path folder, String name, String description,
            Collection<String> hosts) throws IOException {
        Path keyStoreFile = folder.resolve(name + ".p12");
        Path pemFile = folder.resolve(name + ".pem");
        Set<String> wanted = new LinkedHashSet<>();
        for (String host : hosts) {
            sanEntry(host).ifPresent(wanted::add);
        }
        Files.createDirectories(folder);
        try (FileChannel lockFile = FileChannel.open(folder.resolve(name + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
            if (Files.exists(keyStoreFile)) {
                LabCertificate existing = load(keyStoreFile, pemFile, name);
                Set<String> named = existing.names();
                if (existing.certificate.getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE_EXPIRY))
                        && named.containsAll(wanted)) {
                    return existing;
                }
                named.addAll(wanted);
                wanted = named;
            }
            generate(keyStoreFile, name, description, wanted);
            return load(keyStoreFile, pemFile, name);
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot use the lab certificate in " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * keytool's SAN notation ({@code IP:...}, {@code DNS:...}), IP addresses in the JDK's canonical text; empty for
     * a name no certificate can carry (a machine name with an underscore, say), which is then left out.
     */
    private static Optional<String> sanEntry(String host) {
        String literal = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        if (host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || host.contains(":")) {
            try {
                // A dotted quad or a bracketed IPv6 literal is parsed, never looked up in DNS.
                return Optional.of("IP:" + InetAddress.getByName(literal).getHostAddress());
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        if (!host.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
            return Optional.empty();
        }
        return Optional.of("DNS:" + host.toLowerCase(java.util.Locale.ROOT));
    }

    private Set<String> names() throws GeneralSecurityException {
        Set<String> names = new LinkedHashSet<>();
        Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
        for (List<?> san : sans == null ? List.<List<?>>of() : sans) {
            int type = (Integer) san.get(0);
            if (type == SAN_IP) {
                try {
                    names.add("IP:" + InetAddress.getByName(san.get(1).toString()).getHostAddress());
                } catch (IOException e) {
                    throw new GeneralSecurityException("unreadable IP address in the certificate: " + san.get(1));
                }
            } else if (type == SAN_DNS) {
                names.add("DNS:" + san.get(1).toString().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return names;
    }

    private static LabCertificate load(Path keyStoreFile, Path pemFile, String alias)
            throws IOException, GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStoreFile)) {
            keyStore.load(in, PASSWORD);
        }
        X509Certificate certificate = (X509Certificate) keyStore.getCertificate(alias);
        if (certificate == null) {
            throw new GeneralSecurityException(keyStoreFile + " holds no entry '" + alias + "'");
        }
        String pem = pem(certificate);
        if (!Files.exists(pemFile) || !Files.readString(pemFile).equals(pem)) {
            writeAtomically(pemFile, pem.getBytes(StandardCharsets.US_ASCII));
        }
        return new LabCertificate(keyStore, certificate, pemFile, alias);
    }

    private static void generate(Path keyStoreFile, String alias, String description, Set<String> names)
            throws IOException {
        Path partial = partial(keyStoreFile);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048", "-validity", "825",
                "-dname", "CN=" + description + ", O=Popline lab",
                "-ext", "SAN=" + String.join(",", names), "-ext", "EKU=serverAuth",
                "-keystore", partial.toString(), "-storetype", "PKCS12",
                "-storepass:env", "POPLINE_LAB_STOREPASS"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("POPLINE_LAB_STOREPASS", new String(PASSWORD));
        Process process = builder.start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("keytool could not create the lab certificate: " + output.trim());
            }
            Files.move(partial, keyStoreFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating the lab certificate", e);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** A name of this process's own, so that nothing another process writes is moved in its place. */
    private static Path partial(Path file) {
        return file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + "."
                + UUID.randomUUID() + ".partial");
    }

    private static void writeAtomically(Path file, byte[] content) throws IOException {
        Path partial = partial(file);
        try {
            Files.write(partial, content);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static String pem(X509Certificate certificate) throws GeneralSecurityException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded());
        return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
    }

    /** A trust store holding only the given PEM certificate; for clients that have the PEM file but not this object. */
    public static KeyStore trustStore(Path pemFile) throws IOException {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            X509Certificate certificate = (X509Certificate) factory.generateCertificate(
                    new ByteArrayInputStream(Files.readAllBytes(pemFile)));
            return trustStoreOf(certificate);
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot read a certificate from " + pemFile + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore trustStoreOf(X509Certificate certificate) throws IOException, GeneralSecurityException {
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("lab", certificate);
        return trustStore;
    }

    /** A trust store holding only this certificate (no private key). */
    public KeyStore trustStore() {
        try {
            return trustStoreOf(certificate);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("an in-memory PKCS12 store cannot fail here", e);
        }
    }

    /** An SSL context that trusts this certificate and nothing else; convenient for tests and the JDK HttpClient. */
    public SSLContext clientContext() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's default TLS provider is missing", e);
        }
    }

    /** The server side: this certificate and its key. */
    public SSLContext serverContext() throws GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate in PEM form, for clients configured with a file path. */
    public Path pemFile() {
        return pemFile;
    }

    @Override
    public String toString() {
        return "LabCertificate[" + alias + "]";
    }
}
