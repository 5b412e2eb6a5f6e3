package org.popline.desk;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.popline.queue.CallDistributor;
import org.popline.desk.DeskSessions.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's page over HTTP on its own port ({@code desk.port}), apart from the admin API:
 * that one answers anybody on the machine, this one only a logged-in agent, and its event streams
 * each hold a thread for as long as a page is open.
 *
 * <pre>
 * GET  /desk/            the login form, or the agent's page once logged in
 * GET  /desk/desk.js ... the page's script and style
 * POST /desk/login       agent, password (form) -> session cookie
 * GET  /desk/session     who is logged in, the CSRF token, the not-ready reasons
 * GET  /desk/events      server-sent events: the agent's snapshot now and after every change
 * POST /desk/ready, /desk/not-ready (reason), /desk/logout: with header X-CSRF-Token
 * </pre>
 * Every handler takes the agent from the session, never from the request, so no agent can name another.
 */
public final class DeskServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeskServer.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .registerModule(new Jdk8Module()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final Map<String, String> ASSETS = Map.of(
            "/desk/desk.js", "text/javascript; charset=utf-8",
            "/desk/desk.css", "text/css; charset=utf-8");
    private static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final long RECONNECT_MILLIS = 2000;
    /** Open pages beyond this are refused (503) rather than left to use up threads. */
    private static final int MAX_STREAMS = 200;

    /** What the page may set an agent to, and who answers for the agent's state. */
    public record Actions(CallDistributor acd, List<String> notReadyReasons) {
        public Actions {
            notReadyReasons = List.copyOf(notReadyReasons);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final DeskSessions sessions;
    private final AgentDesks desks;
    private final Actions actions;
    private final Map<String, String> names;
    private final AtomicInteger streams = new AtomicInteger();

    /** @param names each agent's display name by id */
    public DeskServer(InetAddress bind, int port, DeskSessions sessions, AgentDesks desks, Actions actions,
            Map<String, String> names) throws IOException {
        this.sessions = sessions;
        this.desks = desks;
        this.actions = actions;
        this.names = Map.copyOf(names);
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "desk-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server = HttpServer.create(new InetSocketAddress(bind, port), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            secure(exchange);
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Optional<Session> session = DeskRequests.sessionCookie(exchange).flatMap(sessions::find);
            if (path.equals("/") || path.equals("/desk")) {
                exchange.getResponseHeaders().set("Location", "/desk/");
                exchange.sendResponseHeaders(303, -1);
            } else if (path.equals("/desk/") && method.equals("GET")) {
                sendPage(exchange, 200, session.isPresent() ? "desk.html" : "login.html", "");
            } else if (ASSETS.containsKey(path) && method.equals("GET")) {
                sendAsset(exchange, path.substring("/desk/".length()), ASSETS.get(path));
            } else if (path.equals("/desk/login") && method.equals("POST")) {
                login(exchange);
            } else if (path.equals("/desk/session") && method.equals("GET")) {
                withSession(exchange, session, s -> sendJson(exchange, 200, Map.of("agent", s.agentId(),
                        "name", names.getOrDefault(s.agentId(), s.agentId()), "csrfToken", s.csrfToken(),
                        "notReadyReasons", actions.notReadyReasons())));
            } else if (path.equals("/desk/events") && method.equals("GET")) {
                withSession(exchange, session, s -> events(exchange, s));
            } else if (List.of("/desk/ready", "/desk/not-ready", "/desk/logout").contains(path) && method.equals("POST")) {
                withSession(exchange, session, s -> act(exchange, path, s));
            } else {
                sendJson(exchange, 404, Map.of("error", "not found"));
            }
        } catch (RuntimeException e) {
            log.warn("agent page request failed: {}", e.toString());
        }
    }

    private interface SessionHandler {
        void handle(Session session) throws IOException;
    }

    private static void withSession(HttpExchange exchange, Optional<Session> session, SessionHandler then)
            throws IOException {
        if (session.isEmpty()) {
            sendJson(exchange, 401, Map.of("error", "log in first"));
        } else {
            then.handle(session.get());
        }
    }

    private void login(HttpExchange exchange) throws IOException {
        if (DeskRequests.crossSite(exchange)) {
            sendJson(exchange, 403, Map.of("error", "cross-site request refused"));
            return;
        }
        Map<String, String> form = DeskRequests.form(exchange);
        String agent = form.getOrDefault("agent", "");
        Optional<Session> session = sessions.login(agent, form.getOrDefault("password", ""));
        if (session.isEmpty()) {
            // Not the id typed: people type passwords into the wrong field.
            log.info("agent page: login refused from {}", exchange.getRemoteAddress().getAddress().getHostAddress());
            sendPage(exchange, 401, "login.html", "<p class=\"error\" id=\"login-error\">Wrong agent id or password.</p>");
            return;
        }
        log.info("agent page: {} logged in from {}", agent, exchange.getRemoteAddress().getAddress().getHostAddress());
        exchange.getResponseHeaders().add("Set-Cookie", DeskRequests.COOKIE + "=" + session.get().id()
                + "; Path=/desk; HttpOnly; SameSite=Strict");
        exchange.getResponseHeaders().set("Location", "/desk/");
        exchange.sendResponseHeaders(303, -1);
    }

    private void act(HttpExchange exchange, String path, Session session) throws IOException {
        if (DeskRequests.crossSite(exchange)
                || !DeskSessions.csrfMatches(session, exchange.getRequestHeaders().getFirst(CSRF_HEADER))) {
            sendJson(exchange, 403, Map.of("error", "cross-site request refused: no or wrong " + CSRF_HEADER));
            return;
        }
        String agent = session.agentId();
        try {
            switch (path) {
                case "/desk/ready" -> actions.acd().ready(agent);
                case "/desk/not-ready" -> {
                    String reason = DeskRequests.form(exchange).getOrDefault("reason", "");
                    if (!actions.notReadyReasons().contains(reason)) {
                        sendJson(exchange, 400, Map.of("error", "reason must be one of " + actions.notReadyReasons()));
                        return;
                    }
                    actions.acd().notReady(agent, reason);
                }
                default -> {
                    sessions.logout(session);
                    log.info("agent page: {} logged out", agent);
                    exchange.getResponseHeaders().add("Set-Cookie", DeskRequests.COOKIE
                            + "=; Path=/desk; HttpOnly; SameSite=Strict; Max-Age=0");
                    sendJson(exchange, 200, Map.of("loggedOut", true));
                    return;
                }
            }
        } catch (IllegalStateException e) {
            sendJson(exchange, 409, Map.of("error", String.valueOf(e.getMessage())));
            return;
        }
        sendJson(exchange, 200, desks.snapshot(agent));
    }

    private void events(HttpExchange exchange, Session session) throws IOException {
        if (streams.incrementAndGet() > MAX_STREAMS) {
            streams.decrementAndGet();
            sendJson(exchange, 503, Map.of("error", "too many open pages"));
            return;
        }
        EventStream stream = new EventStream(JSON);
        Runnable unsubscribe = desks.subscribe(session.agentId(), stream);
        try {
            stream.run(exchange, () -> sessions.live(session), KEEP_ALIVE, RECONNECT_MILLIS);
        } catch (IOException e) {
            // The page went away (tab closed, reload, network): nothing to do but let go.
        } finally {
            unsubscribe.run();
            streams.decrementAndGet();
        }
    }

    /** Headers every answer carries: no framing, no sniffing, no caching, scripts only from here. */
    private static void secure(HttpExchange exchange) {
        var h = exchange.getResponseHeaders();
        h.set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; "
                + "connect-src 'self'; img-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        // Not no-referrer: under it browsers send "Origin: null" with the page's own form posts.
        h.set("Referrer-Policy", "same-origin");
        h.set("Cache-Control", "no-store");
    }

    private static void sendPage(HttpExchange exchange, int status, String page, String error) throws IOException {
        String html = new String(resource(page), StandardCharsets.UTF_8).replace("<!--error-->", error);
        HttpResponses.send(exchange, status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    private static void sendAsset(HttpExchange exchange, String name, String type) throws IOException {
        HttpResponses.send(exchange, 200, type, resource(name));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DeskServer.class.getResourceAsStream("/desk/" + name)) {
            if (in == null) {
                throw new IOException("missing resource /desk/" + name);
            }
            return in.readAllBytes();
        }
    }

    private static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        HttpResponses.send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }


    @Override
    public void close() {
        server.stop(0);
        // Open event streams wait on their queues: interrupting them ends them now.
        threads.shutdownNow();
    }
}
