package org.popline.ops.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.popline.web.HostAllowlist;
import org.popline.web.RawHttp;
import org.popline.web.WebServer;

/** The admin API's door over real HTTP: the token, the Host allowlist, cross-site POSTs, slow clients. */
class AdminEndpointsTest {
    @TempDir
    Path var;
    private AdminEndpoints admin;
    private String token;
    private final AtomicInteger readies = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        Path tokenFile = var.resolve("admin-token");
        AdminToken adminToken = AdminToken.load(name -> null, "POPLINE_ADMIN_TOKEN", tokenFile);
        token = Files.readString(tokenFile).trim();
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        admin = new AdminEndpoints(new WebServer.Listen(loopback, 0, HostAllowlist.ownNames(loopback, null, List.of()),
                java.util.Optional.empty()), adminToken,
                Map.of("/health", q -> Map.of("status", "up"), "/calls", q -> Map.of("live", List.of())),
                Map.of("/agents/ready", q -> Map.of("ready", q.get("agent"), "count", readies.incrementAndGet())));
        admin.addTextView("/metrics", "text/plain; version=0.0.4", q -> "popline_up 1\n");
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    private RawHttp.Answer get(String path, String... headers) throws IOException {
        return RawHttp.send(admin.port(), "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + admin.port()
                + String.join("", java.util.Arrays.stream(headers).map(h -> "\r\n" + h).toList()), "");
    }

    private RawHttp.Answer post(String path, String... headers) throws IOException {
        return RawHttp.send(admin.port(), "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + admin.port()
                + String.join("", java.util.Arrays.stream(headers).map(h -> "\r\n" + h).toList()), "");
    }

    @Test
    void everythingButHealthNeedsTheToken() throws Exception {
        assertEquals(200, get("/health").status(), "health is open, for load balancers and probes");
        for (String path : List.of("/calls", "/metrics", "/no-such-page")) {
            RawHttp.Answer none = get(path);
            assertEquals(401, none.status(), path);
            assertTrue(none.hasHeader("WWW-Authenticate: Bearer"), none.head());
            assertFalse(none.body().contains(token), "the answer never shows the token");
            assertEquals(401, get(path, "Authorization: Bearer " + token + "x").status(), "a wrong token");
            assertEquals(401, get(path, "Authorization: Basic " + token).status(), "not a bearer token");
        }
        RawHttp.Answer calls = get("/calls", "Authorization: Bearer " + token);
        assertEquals(200, calls.status());
        assertEquals("{\"live\":[]}", calls.body());
        RawHttp.Answer metrics = get("/metrics", "Authorization: Bearer " + token);
        assertEquals("popline_up 1\n", metrics.body(), "as Prometheus' authorization scrape setting sends it");
        assertEquals(404, get("/no-such-page", "Authorization: Bearer " + token).status());
    }

    @Test
    void actionsNeedTheTokenAndRefuseOtherSitesPages() throws Exception {
        assertEquals(401, post("/agents/ready?agent=agent1").status());
        assertEquals(401, post("/agents/ready?agent=agent1", "Origin: http://127.0.0.1:" + admin.port()).status(),
                "a page of this very origin without the token");
        assertEquals(403, post("/agents/ready?agent=agent1", "Authorization: Bearer " + token,
                "Origin: http://evil.example").status(), "a cross-site POST");
        assertEquals(0, readies.get(), "nothing refused ran");
        RawHttp.Answer ok = post("/agents/ready?agent=agent1", "Authorization: Bearer " + token);
        assertEquals(200, ok.status(), ok.toString());
        assertEquals(1, readies.get());
        assertEquals(405, get("/agents/ready?agent=agent1", "Authorization: Bearer " + token).status());
    }

    @Test
    void aRebindingHostIsRefusedEvenWithTheToken() throws Exception {
        RawHttp.Answer rebinding = RawHttp.send(admin.port(), "POST /agents/ready?agent=agent1 HTTP/1.1\r\n"
                + "Host: evil.example:" + admin.port() + "\r\nOrigin: http://evil.example:" + admin.port()
                + "\r\nAuthorization: Bearer " + token, "");
        assertEquals(421, rebinding.status(), rebinding.toString());
        assertEquals(421, RawHttp.send(admin.port(), "GET /health HTTP/1.1\r\nHost: evil.example", "").status());
        assertEquals(0, readies.get());
    }

    @Test
    void halfSentRequestsAndFiveHundredIdleConnectionsDoNotDelayHealth() throws Exception {
        // The first request loads and compiles the whole request path: not what is measured here.
        RawHttp.pollWithin(admin.port(), "/health", 3, Duration.ofSeconds(10));
        List<Socket> idle = RawHttp.idle(admin.port(), 500, null);
        List<Socket> halfSent = new ArrayList<>(RawHttp.idle(admin.port(), 40,
                "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token + "\r\n"));
        halfSent.addAll(RawHttp.idle(admin.port(), 40, "POST /agents/ready HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + token + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 50\r\n\r\nagent="));
        try {
            // A server whose threads those requests held would answer after its 30 s idle timeout; 5 s
            // leaves room for a busy machine (1.004 s was seen in CI with a 1 s bound).
            RawHttp.pollWithin(admin.port(), "/health", 20, Duration.ofSeconds(5));
        } finally {
            RawHttp.closeAll(idle);
            RawHttp.closeAll(halfSent);
        }
    }

    @Test
    void theTokenFileIsTheOwnersOnlyAndSharedByProcessesStartingAtOnce() throws Exception {
        Path file = var.resolve("shared").resolve("admin-token");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<AdminToken>> loads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                loads.add(pool.submit(() -> AdminToken.load(name -> null, "POPLINE_ADMIN_TOKEN", file)));
            }
            String written = null;
            for (Future<AdminToken> load : loads) {
                AdminToken t = load.get();
                written = written == null ? Files.readString(file).trim() : written;
                assertTrue(t.authorises("Bearer " + written), "every starter uses the one token in the file");
                assertTrue(t.source().contains(file.toString()) && !t.source().contains(written), t.source());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of("admin-token"), files.map(p -> p.getFileName().toString()).toList());
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        IOException loose = assertThrows(IOException.class,
                () -> AdminToken.load(name -> null, "POPLINE_ADMIN_TOKEN", file));
        assertTrue(loose.getMessage().contains("chmod 600"), loose.getMessage());
    }

    @Test
    void theEnvironmentVariableWinsAndIsNeverNamedInFull() throws Exception {
        AdminToken fromEnv = AdminToken.load(name -> name.equals("MY_TOKEN") ? "s3cret-token" : null, "MY_TOKEN",
                var.resolve("unused"));
        assertTrue(fromEnv.authorises("Bearer s3cret-token"));
        assertFalse(fromEnv.authorises("Bearer s3cret-toke"));
        assertNotEquals(-1, fromEnv.source().indexOf("MY_TOKEN"));
        assertFalse(fromEnv.source().contains("s3cret") || fromEnv.toString().contains("s3cret"));
        assertFalse(Files.exists(var.resolve("unused")), "no file is made when the variable is set");
    }
}
