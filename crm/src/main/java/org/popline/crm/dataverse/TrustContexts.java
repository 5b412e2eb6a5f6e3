package org.popline.crm.dataverse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context for both the Web API and the token endpoint. A lab org is trusted through its
 * own certificate in an explicit trust store; verification is never switched off.
 */
final class TrustContexts {
  private TrustContexts() {}

  static SSLContext forSettings(DataverseSettings settings) {
    try {
      if (settings.trustStore() == null) {
        return SSLContext.getDefault();
      }
      return fromTrustStore(settings.trustStore(), settings.trustStorePassword());
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot load trust store " + settings.trustStore() + ": " + e.getMessage(), e);
    }
  }

  /** A PKCS12 trust store, or PEM/DER certificates (.pem, .crt, .cer) such as the emulator writes. */
  private static SSLContext fromTrustStore(Path path, String password)
      throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    String name = path.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer")) {
      store.load(null, null);
      int n = 0;
      try (InputStream in = Files.newInputStream(path)) {
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          store.setCertificateEntry("trusted-" + n++, c);
        }
      }
      if (n == 0) {
        throw new GeneralSecurityException("no certificate in " + path);
      }
    } else {
      try (InputStream in = Files.newInputStream(path)) {
        store.load(in, password == null ? null : password.toCharArray());
      }
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }
}
