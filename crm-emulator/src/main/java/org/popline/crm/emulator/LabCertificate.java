package org.popline.crm.emulator;

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
import java.security.SecureRandom;
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
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The emulator's self-signed TLS certificate (SAN 127.0.0.1, ::1, localhost, and the address it serves on), generated with the JDK's keytool at
 * first start and reused until it nears expiry. Clients trust exactly this certificate, through {@link #pemFile()}
 * or {@link #trustStore()}, instead of switching verification off.
 */
public final class LabCertificate {

    static final String KEY_STORE_FILE = "dataverse-emulator.p12";
    static final String PEM_FILE = "dataverse-emulator.pem";
    /** Held while the certificate is checked or made, by every process using the folder. */
    static final String LOCK_FILE = "dataverse-emulator.lock";
    private static final List<InetAddress> LOOPBACK = List.of(InetAddress.getLoopbackAddress(), ipv6Loopback());
    /** GeneralName type of an IP address (RFC 5280), as X509Certificate reports subject alternative names. */
    private static final int SAN_IP = 7;
    private static final String ALIAS = "dataverse-emulator";
    /** The key store lives in a git-ignored lab folder; its password protects nothing a local user could not read. */
    private static final char[] PASSWORD = "popline-lab".toCharArray();
    private static final Duration RENEW_BEFORE_EXPIRY = Duration.ofDays(30);

    private final KeyStore keyStore;
    private final X509Certificate certificate;
    private final Path pemFile;

    private LabCertificate(KeyStore keyStore, X509Certificate certificate, Path pemFile) {
        this.keyStore = keyStore;
        this.certificate = certificate;
        this.pemFile = pemFile;
    }

    /** Loads the certificate from {@code folder}, generating it (and the folder) when missing or nearly expired. */
    public static LabCertificate loadOrCreate(Path folder) throws IOException {
        return loadOrCreate(folder, List.of());
    }

    /**
     * Like {@link #loadOrCreate(Path)}, and the certificate also names {@code servedOn} (the address the
     * emulator listens on, when it is not loopback); one that does not is made again, naming every address
     * the old one named as well, so another process serving on another address keeps working.
     * Processes sharing the folder take turns under a file lock, so two first starts at once make one
     * certificate, not two half-written ones.
     */
    public static synchronized LabCertificate loadOrCreate(Path folder, Collection<InetAddress> servedOn)
            throws IOException {
        Files.createDirectories(folder);
        try (FileChannel lockFile = FileChannel.open(folder.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
            Path keyStoreFile = folder.resolve(KEY_STORE_FILE);
            Set<InetAddress> addresses = new LinkedHashSet<>(LOOPBACK);
            servedOn.stream().filter(a -> !a.isAnyLocalAddress()).forEach(addresses::add);
            if (Files.exists(keyStoreFile)) {
                LabCertificate existing = load(keyStoreFile, folder.resolve(PEM_FILE));
                Set<InetAddress> named = existing.ipAddresses();
                boolean fresh = existing.certificate.getNotAfter().toInstant()
                        .isAfter(Instant.now().plus(RENEW_BEFORE_EXPIRY));
                if (fresh && named.containsAll(addresses)) {
                    return existing;
                }
                named.addAll(addresses);
                addresses = named;
            }
            generate(keyStoreFile, addresses);
            return load(keyStoreFile, folder.resolve(PEM_FILE));
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot use the lab certificate in " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The IP addresses among the certificate's subject alternative names. */
    Set<InetAddress> ipAddresses() throws GeneralSecurityException, IOException {
        Set<InetAddress> ips = new LinkedHashSet<>();
        Collection<List<?>> names = certificate.getSubjectAlternativeNames();
        if (names != null) {
            for (List<?> name : names) {
                if (Integer.valueOf(SAN_IP).equals(name.get(0))) {
                    ips.add(InetAddress.getByName(name.get(1).toString()));
                }
            }
        }
        return ips;
    }

    private static LabCertificate load(Path keyStoreFile, Path pemFile) throws IOException, GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStoreFile)) {
            keyStore.load(in, PASSWORD);
        }
        X509Certificate certificate = (X509Certificate) keyStore.getCertificate(ALIAS);
        if (certificate == null) {
            throw new GeneralSecurityException(keyStoreFile + " holds no entry '" + ALIAS + "'");
        }
        String pem = pem(certificate);
        if (!Files.exists(pemFile) || !Files.readString(pemFile).equals(pem)) {
            writeAtomically(pemFile, pem.getBytes(StandardCharsets.US_ASCII));
        }
        return new LabCertificate(keyStore, certificate, pemFile);
    }

    private static void generate(Path keyStoreFile, Set<InetAddress> addresses) throws IOException {
        Path partial = uniquePartial(keyStoreFile);
        String san = addresses.stream().map(a -> "IP:" + a.getHostAddress()).collect(Collectors.joining(","))
                + ",DNS:localhost";
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-validity", "825",
                "-dname", "CN=Popline Dataverse emulator, O=Popline lab",
                "-ext", "SAN=" + san, "-ext", "EKU=serverAuth",
                "-keystore", partial.toString(), "-storetype", "PKCS12",
                "-storepass:env", "POPLINE_LAB_STOREPASS"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        try {
            run(builder);
            Files.move(partial, keyStoreFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static void run(ProcessBuilder builder) throws IOException {
        builder.environment().put("POPLINE_LAB_STOREPASS", new String(PASSWORD));
        Process process = builder.start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("keytool could not create the lab certificate: " + output.trim());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating the lab certificate", e);
        }
    }

    private static void writeAtomically(Path file, byte[] content) throws IOException {
        Path partial = uniquePartial(file);
        try {
            Files.write(partial, content);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * A file name beside {@code file} that no other process uses (keytool wants a file that does not exist
     * yet, so no createTempFile): even a process that ignores the lock cannot collide with this one.
     */
    private static Path uniquePartial(Path file) {
        return file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Long.toHexString(new SecureRandom().nextLong()) + ".partial");
    }

    private static InetAddress ipv6Loopback() {
        try {
            return InetAddress.getByName("::1");
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("a literal address needs no lookup", e);
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
        trustStore.setCertificateEntry(ALIAS, certificate);
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

    SSLContext serverContext() throws GeneralSecurityException {
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
}
