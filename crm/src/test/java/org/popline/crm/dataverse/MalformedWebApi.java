package org.popline.crm.dataverse;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An HTTPS server answering a token request normally and every Web API request with a fixed
 * body. Only for what the Dataverse emulator cannot be made to say: a 200 whose body is not the
 * Web API's JSON. Its certificate is made by keytool, like the emulator's, and trusted the same
 * way, through an explicit trust store.
 */
final class MalformedWebApi implements AutoCloseable {
  static final String PASSWORD = "popline-test";

  private final HttpsServer server;
  private final Path trustStore;
  private volatile String body = "{}";

  MalformedWebApi(Path folder) throws Exception {
    Path keyStore = folder.resolve("server.p12");
    trustStore = folder.resolve("trust.p12");
    Path cert = folder.resolve("server.cer");
    keytool("-genkeypair", "-alias", "lab", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=popline-test", "-ext", "SAN=IP:127.0.0.1,DNS:localhost",
        "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
    keytool("-exportcert", "-alias", "lab", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
        "-file", cert.toString());
    keytool("-importcert", "-noprompt", "-alias", "lab", "-file", cert.toString(),
        "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);

    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, PASSWORD.toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);

    server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    server.createContext("/", this::handle);
    server.start();
  }

  void answerWith(String body) {
    this.body = body;
  }

  URI url() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
  }

  Path trustStore() {
    return trustStore;
  }

  private void handle(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    String answer = exchange.getRequestURI().getPath().endsWith("/oauth2/v2.0/token")
        ? "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"test-token\"}"
        : body;
    byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
