package org.popline.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator's own certificate, as PEM files or a PKCS#12 store, serving real HTTPS. */
class ServerCertificatesTest {
    @TempDir
    Path folder;

    private static final Handler OK = new Handler.Abstract() {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Answers.json(response, callback, 200, java.util.Map.of("ok", true));
            return true;
        }
    };

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** The lab maker's PKCS#12 store stands in for one an operator got from their CA. */
    private LabCertificate operatorsCertificate() throws IOException {
        return LabCertificate.loadOrCreate(folder, "operator", "Operator's server", LabCertificate.LOOPBACK);
    }

    private static void assertServes(SSLContext server, LabCertificate trusted) throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (WebServer web = WebServer.start("tls-test", new WebServer.Listen(loopback, 0, LabCertificate.LOOPBACK,
                Optional.of(server)), WebServer.Limits.DEFAULT, OK)) {
            HttpResponse<String> r = HttpClient.newBuilder().sslContext(trusted.clientContext()).build().send(
                    HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + web.port() + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("{\"ok\":true}", r.body());
        }
    }

    @Test
    void servesAPemCertificateAndKey() throws Exception {
        LabCertificate lab = operatorsCertificate();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(folder.resolve("operator.p12"))) {
            store.load(in, "popline-lab".toCharArray());
        }
        Path key = folder.resolve("server.key");
        Files.writeString(key, pem("PRIVATE KEY", store.getKey("operator", "popline-lab".toCharArray()).getEncoded()));
        assertServes(ServerCertificates.fromPem(lab.pemFile(), key), lab);
    }

    @Test
    void servesAPkcs12StoreAndNamesAWrongPassword() throws Exception {
        LabCertificate lab = operatorsCertificate();
        Path p12 = folder.resolve("operator.p12");
        assertServes(ServerCertificates.fromPkcs12(p12, "popline-lab".toCharArray()), lab);
        IOException wrong = assertThrows(IOException.class, () -> ServerCertificates.fromPkcs12(p12, "nope".toCharArray()));
        assertTrue(wrong.getMessage().contains("operator.p12") && wrong.getMessage().contains("password"),
                wrong.getMessage());
    }

    @Test
    void aKeyInAnotherFormatIsNamedWithTheConversion() throws Exception {
        LabCertificate lab = operatorsCertificate();
        Path key = folder.resolve("old.key");
        Files.writeString(key, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        IOException e = assertThrows(IOException.class, () -> ServerCertificates.fromPem(lab.pemFile(), key));
        assertTrue(e.getMessage().contains("openssl pkcs8 -topk8 -nocrypt"), e.getMessage());
    }
}
