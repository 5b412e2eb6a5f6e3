package org.popline.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popline.queue.AgentProfile;
import org.popline.sip.registrar.AgentAccount;
import org.popline.web.HostAllowlist;
import org.popline.web.LabCertificate;
import org.popline.web.RawHttp;
import org.popline.web.WebServer;

/** The agents' page's door over real HTTP: login throttling, cross-site and rebinding refusals, size limits, TLS. */
class DeskServerTest {
    private static final String PASSWORD = "right-password";
    private static final AgentProfile ADA = new AgentProfile("agent1", "Ada Agent", Set.of("support"));

    private DeskServer desk;

    private DeskServer start(Optional<SSLContext> tls) throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        desk = new DeskServer(new WebServer.Listen(loopback, 0, HostAllowlist.ownNames(loopback, null, List.of()), tls),
                new DeskSessions(List.of(new AgentAccount(ADA, "agent1", PASSWORD)), Clock.systemUTC()),
                new LoginThrottle(new LoginThrottle.Rule(3, Duration.ofMinutes(1), Duration.ofMinutes(5),
                        Duration.ofMinutes(10)), Set.of("agent1"), Clock.systemUTC()),
                new AgentDesks(List.of(ADA), Map.of(), Clock.systemUTC()),
                new DeskServer.Actions(null, List.of("break")), Map.of("agent1", "Ada Agent"));
        return desk;
    }

    @AfterEach
    void stop() {
        if (desk != null) {
            desk.close();
        }
    }

    private RawHttp.Answer login(String agent, String password, String... headers) throws Exception {
        String form = "agent=" + URLEncoder.encode(agent, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return RawHttp.send(desk.port(), "POST /desk/login HTTP/1.1\r\nHost: 127.0.0.1:" + desk.port()
                + "\r\nContent-Type: application/x-www-form-urlencoded"
                + String.join("", java.util.Arrays.stream(headers).map(h -> "\r\n" + h).toList()), form);
    }

    @Test
    void guessingLocksOutTheIdAndTheAddressAndAnUnknownIdIsAnsweredAlike() throws Exception {
        start(Optional.empty());
        RawHttp.Answer wrongKnown = login("agent1", "guess-1");
        RawHttp.Answer wrongUnknown = login("nobody", "guess-1");
        assertEquals(401, wrongKnown.status());
        assertEquals(wrongKnown.body(), wrongUnknown.body(), "an id that does not exist is answered alike");
        assertEquals(withoutDate(wrongKnown.head()), withoutDate(wrongUnknown.head()));

        // Three failures from this address (two above, one here) lock it out, and agent1 with it.
        assertEquals(401, login("agent1", "guess-2").status());
        RawHttp.Answer lockedKnown = login("agent1", PASSWORD);
        assertEquals(429, lockedKnown.status(), "even the right password, while locked out");
        assertTrue(lockedKnown.hasHeader("Retry-After: "), lockedKnown.head());
        assertTrue(lockedKnown.body().contains("Too many failed logins"), lockedKnown.body());
        RawHttp.Answer lockedUnknown = login("nobody", "guess-3");
        assertEquals(429, lockedUnknown.status());
        assertEquals(lockedKnown.body(), lockedUnknown.body(), "locked out alike, known id or not");
        assertFalse(lockedKnown.hasHeader("Set-Cookie"), "no session while locked out");
    }

    @Test
    void crossSiteAndRebindingLoginsAreRefused() throws Exception {
        start(Optional.empty());
        assertEquals(403, login("agent1", PASSWORD, "Origin: http://evil.example").status(), "another site's form");
        assertEquals(403, login("agent1", PASSWORD, "Sec-Fetch-Site: cross-site").status());
        String rebound = "agent=agent1&password=" + PASSWORD;
        RawHttp.Answer rebinding = RawHttp.send(desk.port(), "POST /desk/login HTTP/1.1\r\nHost: evil.example:"
                + desk.port() + "\r\nOrigin: http://evil.example:" + desk.port()
                + "\r\nContent-Type: application/x-www-form-urlencoded", rebound);
        assertEquals(421, rebinding.status(), "a DNS-rebinding page's Origin matches its Host, which is refused");
        RawHttp.Answer own = login("agent1", PASSWORD, "Origin: http://127.0.0.1:" + desk.port());
        assertEquals(303, own.status(), own.toString());
        assertTrue(own.hasHeader("Set-Cookie: popline_desk="), own.head());
        assertFalse(own.head().contains("Secure"), "no Secure flag on plain HTTP (loopback)");
    }

    @Test
    void anOversizedLoginIsAnswered413() throws Exception {
        start(Optional.empty());
        RawHttp.Answer big = login("agent1", "x".repeat(10_000));
        assertEquals(413, big.status(), big.toString());
        RawHttp.Answer huge = login("agent1", "x".repeat(100_000));
        assertEquals(413, huge.status(), huge.head());
    }

    @Test
    void overTlsTheCookieIsSecureAndEventsStream(@TempDir Path tls) throws Exception {
        LabCertificate lab = LabCertificate.loadOrCreate(tls, "desk-test", "Popline test", LabCertificate.LOOPBACK);
        start(Optional.of(lab.serverContext()));
        HttpClient client = HttpClient.newBuilder().sslContext(lab.clientContext())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String base = "https://127.0.0.1:" + desk.port();
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base + "/desk/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("agent=agent1&password=" + PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, login.statusCode());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("; Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
                cookie);

        HttpResponse<InputStream> events = client.send(HttpRequest.newBuilder(URI.create(base + "/desk/events"))
                .header("Cookie", cookie.substring(0, cookie.indexOf(';'))).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, events.statusCode());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8))) {
            assertEquals("retry: 2000", lines.readLine());
            assertEquals("", lines.readLine());
            assertEquals("event: state", lines.readLine());
            String data = lines.readLine();
            assertTrue(data.startsWith("data: {") && data.contains("\"id\":\"agent1\"")
                    && data.contains("\"state\":\"LOGGED_OUT\""), data);
        }
    }

    private static String withoutDate(String head) {
        return head.replaceAll("(?m)^Date: .*$", "");
    }
}
