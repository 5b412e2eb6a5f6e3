package org.popline.sip.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.popline.app.PoplineServer;
import org.popline.app.config.Overrides;
import org.popline.sip.testkit.PrometheusPage;
import org.popline.sip.testkit.TestServer;
import org.popline.web.LabCertificate;
import org.slf4j.LoggerFactory;

/**
 * The whole server's HTTP doors as an operator and an agent meet them: the admin API's token (named in the
 * start-up log by where it is, never shown), Prometheus scraping with it, and the agents' page over TLS with its
 * lab certificate trusted by file, as an agent's browser would after importing it.
 */
class HttpAccessTest {
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private TestServer popline;

    @BeforeEach
    void start() throws Exception {
        log.start();
        ((Logger) LoggerFactory.getLogger(PoplineServer.class)).addAppender(log);
        popline = TestServer.start(new Overrides().set("desk.tls.mode", "on"));
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(PoplineServer.class)).detachAppender(log);
        popline.close();
    }

    @Test
    void theAdminApiWantsItsTokenAndTheLogSaysWhereItIs() throws Exception {
        String token = popline.adminToken();
        Path file = popline.server.config().http().tokenFile();
        String startLine = log.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("listening:")).findFirst().orElseThrow();
        assertTrue(startLine.contains(file.toAbsolutePath().toString()), startLine);
        assertFalse(log.list.stream().anyMatch(e -> e.getFormattedMessage().contains(token)), "the token is never logged");
        assertEquals(43, token.length(), "256 random bits, base64url");

        HttpClient http = HttpClient.newHttpClient();
        String admin = "http://127.0.0.1:" + popline.server.httpPort();
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(admin + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(admin + "/cdrs")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        assertEquals("Bearer realm=\"popline-admin\"", anonymous.headers().firstValue("WWW-Authenticate").orElse(""));
        // What Prometheus sends with authorization: {credentials_file: ...}.
        HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(URI.create(admin + "/metrics"))
                .header("Authorization", "Bearer " + Files.readString(file).trim()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, scrape.statusCode());
        PrometheusPage.parse(scrape.body());
    }

    @Test
    void agentsLogInOverTlsWithASecureCookie() throws Exception {
        assertTrue(popline.server.deskTls());
        Path pem = popline.server.config().crm().emulatorTls().resolve("agents-page.pem");
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(LabCertificate.trustStore(pem));
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        HttpClient browser = HttpClient.newBuilder().sslContext(tls).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(
                URI.create(popline.deskOrigin() + "/desk/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("agent=agent1&password=lab-agent1-change-me")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, login.statusCode(), login.body());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("; Secure"), cookie);
    }
}
