package org.popline.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A server's TLS identity from an operator's files: a PEM certificate chain with its PEM key, or a PKCS#12 store. */
public final class ServerCertificates {
    private static final char[] IN_MEMORY = "in-memory".toCharArray();

    private ServerCertificates() {
    }

    /**
     * @param certificates PEM, the server's certificate first, then any intermediates
     * @param key          an unencrypted PKCS#8 PEM key ({@code BEGIN PRIVATE KEY}), RSA or EC
     */
    public static SSLContext fromPem(Path certificates, Path key) throws IOException {
        try {
            List<? extends Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certificates))));
            if (chain.isEmpty()) {
                throw new IOException(certificates + ": no PEM certificate in it");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", privateKey(key), IN_MEMORY, chain.toArray(Certificate[]::new));
            return context(store, IN_MEMORY);
        } catch (GeneralSecurityException e) {
            throw new IOException(certificates + " with " + key + ": not a usable certificate and key: "
                    + e.getMessage(), e);
        }
    }

    public static SSLContext fromPkcs12(Path file, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return context(store, password);
        } catch (GeneralSecurityException | IOException e) {
            // A wrong password surfaces as an IOException from KeyStore.load.
            throw new IOException(file + ": not a usable PKCS#12 key store (or the wrong password): " + e.getMessage(), e);
        }
    }

    private static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN PRIVATE KEY-----";
        int start = pem.indexOf(begin);
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (start < 0 || end < start) {
            throw new IOException(file + ": no unencrypted PKCS#8 key (BEGIN PRIVATE KEY) in it; convert one with "
                    + "openssl pkcs8 -topk8 -nocrypt -in KEY -out " + file.getFileName());
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), end));
        GeneralSecurityException last = null;
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    private static SSLContext context(KeyStore store, char[] password) throws GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }
}
