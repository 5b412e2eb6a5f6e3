package org.popline.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.popline.desk.AgentDesks;
import org.popline.desk.DeskServer;
import org.popline.desk.DeskSessions;
import org.popline.desk.LoginThrottle;
import org.popline.ivr.ScreenPop;
import org.popline.queue.AgentEvent;
import org.popline.queue.AgentProfile;
import org.popline.queue.AgentState;
import org.popline.queue.Caller;
import org.popline.sip.registrar.AgentAccount;
import org.popline.web.HostAllowlist;
import org.popline.web.WebServer;

/**
 * Two nodes' agents' pages (127.0.0.1 and 127.0.0.2) sharing one real redis-server, over real HTTP and
 * server-sent events: a session begun on one node is good on the other and ends on both; a pop raised
 * on one node reaches a page on the other, live or, for a page that was away, once on reconnect.
 */
class SharedDeskTest {
    private static final String PASSWORD = "right-password";
    private static final AgentProfile ADA = new AgentProfile("agent1", "Ada Agent", Set.of("support"));
    private static final ScreenPop POP = new ScreenPop("https://crm.example/main.aspx?id=42", "new-tab", "Customer case");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private RedisServerProcess redis;
    private final List<AutoCloseable> open = new ArrayList<>();
    private Node a;
    private Node b;

    /** One node's desk: its own desks, sessions, server and Redis connection. */
    private final class Node {
        final SharedDesk shared;
        final AgentDesks desks;
        final DeskServer server;
        final String base;

        Node(String address) throws IOException {
            shared = new SharedDesk(redis.uri(), List.of(ADA.id()), Clock.systemUTC());
            open.add(shared);
            desks = new AgentDesks(List.of(ADA), Map.of("support", Duration.ofSeconds(5)), Clock.systemUTC(),
                    shared.relay(), shared.pops());
            InetAddress bind = InetAddress.getByName(address);
            server = new DeskServer(new WebServer.Listen(bind, 0, HostAllowlist.ownNames(bind, null, List.of()),
                    Optional.empty()), new DeskSessions(List.of(new AgentAccount(ADA, "agent1", PASSWORD)),
                    shared.sessions()), new LoginThrottle(new LoginThrottle.Rule(5, Duration.ofMinutes(1),
                    Duration.ofMinutes(1), Duration.ofMinutes(5)), Set.of("agent1"), Clock.systemUTC()), desks,
                    new DeskServer.Actions(null, List.of("break")), Map.of("agent1", "Ada Agent"));
            open.add(server);
            base = "http://" + address + ":" + server.port();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws IOException {
        redis = new RedisServerProcess();
        a = new Node("127.0.0.1");
        b = new Node("127.0.0.2");
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        redis.close();
    }

    @Test
    void aSessionBegunOnOneNodeIsGoodOnTheOtherAndLoggingOutEndsItOnBoth() throws Exception {
        String cookie = login(a);
        HttpResponse<String> onB = get(b, "/desk/session", cookie);
        assertEquals(200, onB.statusCode(), onB.body());
        assertTrue(onB.body().contains("\"agent\":\"agent1\""), onB.body());
        assertEquals(200, get(a, "/desk/session", cookie).statusCode());
        assertEquals(401, get(b, "/desk/session", "popline_desk=not-a-session").statusCode());

        assertEquals(200, post(b, "/desk/logout", cookie, "").statusCode());
        assertEquals(401, get(a, "/desk/session", cookie).statusCode(), "logged out on B, gone on A");
        assertEquals(401, get(b, "/desk/session", cookie).statusCode());
    }

    @Test
    void aPopRaisedOnOneNodeReachesThePageOnTheOtherLive() throws Exception {
        String cookie = login(a);
        try (Page page = Page.open(http, b, cookie, null)) {
            assertEquals("state", page.next().name());
            callAnsweredWithPopOn(a, "call-live");
            Event pop = page.nextNamed("pop");
            assertTrue(pop.data().contains(POP.url()), pop.data());
            assertTrue(pop.data().contains("\"callId\":\"call-live\""), pop.data());
            assertNotNull(pop.id());
            assertEquals(200, post(b, "/desk/pop-seen", cookie, "id=" + pop.id()).statusCode());
        }
        // seen on B: a page opening on A is not sent it again
        try (Page again = Page.open(http, a, cookie, null)) {
            assertNoPopBeforeTheNextChange(again);
        }
    }

    @Test
    void aPageThatWasAwayGetsTheMissedPopOnceOnAnotherNode() throws Exception {
        String cookie = login(a);
        callAnsweredWithPopOn(a, "call-missed");
        waitFor(() -> callShownWithPop(b), "node B's desk shows the call and its pop");

        String popId;
        try (Page reconnected = Page.open(http, b, cookie, null)) {
            assertEquals("state", reconnected.next().name());
            Event pop = reconnected.next();
            assertEquals("pop", pop.name(), "the missed pop right after the snapshot");
            assertTrue(pop.data().contains(POP.url()), pop.data());
            popId = pop.id();
        }
        // The page had it: reconnecting (to A this time) with its Last-Event-ID, it is not sent again...
        try (Page second = Page.open(http, a, cookie, popId)) {
            assertNoPopBeforeTheNextChange(second);
        }
        // ...nor to any page after that, on either node.
        try (Page third = Page.open(http, b, cookie, null)) {
            assertNoPopBeforeTheNextChange(third);
        }
    }

    /** What the ACD, the dialer and the flow tell node {@code node}'s desks about a call the agent answers. */
    private void callAnsweredWithPopOn(Node node, String callId) {
        Instant now = Instant.now();
        node.desks.onEvent(new AgentEvent("agent1", AgentState.LOGGED_OUT, AgentState.AVAILABLE, Optional.empty(),
                Optional.empty(), now));
        node.desks.offered("agent1", new Caller(callId, "+14155550100", Optional.of("Michael Brown"), Optional.empty()),
                "support", Optional.of("CAS-1"));
        node.desks.onEvent(new AgentEvent("agent1", AgentState.AVAILABLE, AgentState.RESERVED, Optional.empty(),
                Optional.of(callId), now));
        node.desks.onEvent(new AgentEvent("agent1", AgentState.RESERVED, AgentState.ON_CALL, Optional.empty(),
                Optional.of(callId), now));
        node.desks.deliver("agent1", callId, POP);
    }

    /**
     * A pending pop follows the first snapshot at once; so another change made now (a not-ready reason,
     * through node A) must be the very next event if none is pending.
     */
    private void assertNoPopBeforeTheNextChange(Page page) throws Exception {
        assertEquals("state", page.next().name());
        a.desks.onEvent(new AgentEvent("agent1", AgentState.ON_CALL, AgentState.ON_CALL, Optional.of("marker"),
                page.callId(), Instant.now()));
        Event next = page.next();
        assertEquals("state", next.name(), "no pop, the marker change comes next: " + next);
        assertTrue(next.data().contains("marker"), next.data());
    }

    @SuppressWarnings("unchecked")
    private static boolean callShownWithPop(Node node) {
        Map<String, Object> call = (Map<String, Object>) node.desks.snapshot("agent1").get("call");
        return call != null && call.get("pop") != null;
    }

    private String login(Node node) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(node.base + "/desk/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(WAIT)
                .POST(HttpRequest.BodyPublishers.ofString("agent=agent1&password=" + PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, r.statusCode(), r.body());
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    private HttpResponse<String> get(Node node, String path, String cookie) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(node.base + path)).header("Cookie", cookie).timeout(WAIT)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(Node node, String path, String cookie, String form) throws Exception {
        String session = get(node, "/desk/session", cookie).body();
        String csrf = session.replaceAll(".*\"csrfToken\":\"([^\"]+)\".*", "$1");
        return http.send(HttpRequest.newBuilder(URI.create(node.base + path)).header("Cookie", cookie)
                .header("X-CSRF-Token", csrf).header("Content-Type", "application/x-www-form-urlencoded").timeout(WAIT)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    record Event(String name, String id, String data) {
    }

    /** An agent's page as the server sees it: one server-sent event stream, read on its own thread. */
    private static final class Page implements AutoCloseable {
        private final InputStream body;
        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final Thread reader;
        private String lastState = "";

        private Page(InputStream body) {
            this.body = body;
            this.reader = new Thread(this::read, "sse-page");
            reader.setDaemon(true);
            reader.start();
        }

        static Page open(HttpClient http, Node node, String cookie, String lastEventId) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.base + "/desk/events"))
                    .header("Cookie", cookie);
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<InputStream> r = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, r.statusCode());
            return new Page(r.body());
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String name = null;
                String id = null;
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("event: ")) {
                        name = line.substring(7);
                    } else if (line.startsWith("id: ")) {
                        id = line.substring(4);
                    } else if (line.startsWith("data: ")) {
                        events.add(new Event(name, id, line.substring(6)));
                        name = null;
                        id = null;
                    }
                }
            } catch (IOException e) {
                // closed by the test
            }
        }

        Event next() throws InterruptedException {
            Event e = events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (e == null) {
                throw new AssertionError("no event within " + WAIT);
            }
            if ("state".equals(e.name())) {
                lastState = e.data();
            }
            return e;
        }

        Event nextNamed(String name) throws InterruptedException {
            Event e = next();
            while (!name.equals(e.name())) {
                e = next();
            }
            return e;
        }

        /** The call the page's last snapshot shows the agent on, if any. */
        Optional<String> callId() {
            String marker = "\"callId\":\"";
            int at = lastState.indexOf(marker);
            return at < 0 ? Optional.empty()
                    : Optional.of(lastState.substring(at + marker.length(), lastState.indexOf('"', at + marker.length())));
        }

        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
