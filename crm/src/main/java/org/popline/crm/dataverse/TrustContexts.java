package org.popline.crm.dataverse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
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

  private static SSLContext fromTrustStore(Path path, String password)
      throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(path)) {
      store.load(in, password == null ? null : password.toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }
}
