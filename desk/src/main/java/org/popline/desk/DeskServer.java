package org.popline.desk;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.popline.queue.CallDistributor;
import org.popline.desk.DeskSessions.Session;
import org.popline.web.Answers;
import org.popline.web.BrowserPages;
import org.popline.web.EventStream;
import org.popline.web.RequestParts;
import org.popline.web.SameOrigin;
import org.popline.web.WebServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's page on its own port ({@code desk.port}), apart from the admin API: that one answers operators
 * with a token, this one a logged-in agent. Over TLS when given a certificate (the session cookie is then
 * {@code Secure}).
 *
 * <pre>
 * GET  /desk/            the login form, or the agent's page once logged in
 * GET  /desk/desk.js ... the page's script and style
 * POST /desk/login       agent, password (form) -> session cookie; throttled per address and per id (429)
 * GET  /desk/session     who is logged in, the CSRF token, the not-ready reasons
 * GET  /desk/events      server-sent events: the agent's snapshot ("state") now and after every change, and
 *                        each screen pop ("pop", with its id as event id) not yet shown by one of the agent's pages
 * POST /desk/ready, /desk/not-ready (reason), /desk/logout, /desk/pop-seen (id): with header X-CSRF-Token
 * </pre>
 * Every handler takes the agent from the session, never from the request, so no agent can name another.
 */
public final class DeskServer implements AutoCloseable {
    // Pops with the inside-desktop target frame the CRM's page, so https pages may be framed.
    private static final BrowserPages PAGES = new BrowserPages(DeskServer.class, "/desk/", "https:");
    private static final Logger log = LoggerFactory.getLogger(DeskServer.class);
    private static final Map<String, String> ASSETS = Map.of(
            "/desk/desk.js", "text/javascript; charset=utf-8",
            "/desk/desk.css", "text/css; charset=utf-8");
    private static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final long RECONNECT_MILLIS = 2000;
    /** Open pages beyond this are refused (503): each holds a connection and a place in the desk's fan-out. */
    private static final int MAX_STREAMS = 200;

    /** What the page may set an agent to, and who answers for the agent's state. */
    public record Actions(CallDistributor acd, List<String> notReadyReasons) {
        public Actions {
            notReadyReasons = List.copyOf(notReadyReasons);
        }
    }

    private record OpenStream(EventStream stream, Session session) {
    }

    private final DeskSessions sessions;
    private final LoginThrottle throttle;
    private final AgentDesks desks;
    private final Actions actions;
    private final Map<String, String> names;
    private final Set<OpenStream> streams = ConcurrentHashMap.newKeySet();
    private final AtomicInteger streamCount = new AtomicInteger();
    private final ScheduledExecutorService ticks;
    private final String cookieAttributes;
    private final WebServer server;

    /** @param names each agent's display name by id */
    public DeskServer(WebServer.Listen listen, DeskSessions sessions, LoginThrottle throttle, AgentDesks desks,
            Actions actions, Map<String, String> names) throws IOException {
        this.sessions = sessions;
        this.throttle = throttle;
        this.desks = desks;
        this.actions = actions;
        this.names = Map.copyOf(names);
        this.cookieAttributes = "; Path=/desk; HttpOnly; SameSite=Strict" + (listen.tls().isPresent() ? "; Secure" : "");
        this.ticks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "desk-keep-alive");
            t.setDaemon(true);
            return t;
        });
        this.server = WebServer.start("desk-http", listen, WebServer.Limits.DEFAULT, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                serve(request, response, callback);
                return true;
            }
        });
        ticks.scheduleWithFixedDelay(this::tick, KEEP_ALIVE.toMillis(), KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int port() {
        return server.port();
    }

    public boolean tls() {
        return server.tls();
    }

    private void serve(Request request, Response response, Callback callback) {
        PAGES.secure(response);
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        Optional<Session> session = DeskRequests.sessionCookie(request).flatMap(sessions::find);
        try {
            if (path.equals("/") || path.equals("/desk")) {
                PAGES.redirect(response, callback, "/desk/");
            } else if (path.equals("/desk/") && method.equals("GET")) {
                PAGES.send(response, callback, 200, session.isPresent() ? "desk.html" : "login.html", "");
            } else if (ASSETS.containsKey(path) && method.equals("GET")) {
                Answers.bytes(response, callback, 200, ASSETS.get(path), PAGES.resource(path.substring("/desk/".length())));
            } else if (path.equals("/desk/login") && method.equals("POST")) {
                login(request, response, callback);
            } else if (path.equals("/desk/session") && method.equals("GET")) {
                withSession(response, callback, session, s -> Answers.json(response, callback, 200, Map.of(
                        "agent", s.agentId(), "name", names.getOrDefault(s.agentId(), s.agentId()),
                        "csrfToken", s.csrfToken(), "notReadyReasons", actions.notReadyReasons())));
            } else if (path.equals("/desk/events") && method.equals("GET")) {
                withSession(response, callback, session, s -> events(request, response, callback, s));
            } else if (List.of("/desk/ready", "/desk/not-ready", "/desk/logout", "/desk/pop-seen").contains(path) && method.equals("POST")) {
                withSession(response, callback, session, s -> act(request, response, callback, path, s));
            } else {
                Answers.error(response, callback, 404, "not found");
            }
        } catch (RequestParts.TooLarge e) {
            Answers.error(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, e.getMessage());
        } catch (IOException | RuntimeException e) {
            log.warn("agent page request failed: {}", e.toString());
            callback.failed(e);
        }
    }

    private interface SessionHandler {
        void handle(Session session) throws IOException;
    }

    private static void withSession(Response response, Callback callback, Optional<Session> session,
            SessionHandler then) throws IOException {
        if (session.isEmpty()) {
            Answers.error(response, callback, 401, "log in first");
        } else {
            then.handle(session.get());
        }
    }

    private void login(Request request, Response response, Callback callback) throws IOException {
        if (SameOrigin.crossSite(request)) {
            Answers.error(response, callback, 403, "cross-site request refused");
            return;
        }
        Map<String, String> form = DeskRequests.form(request);
        String agent = form.getOrDefault("agent", "");
        String source = DeskRequests.source(request);
        if (throttle.refuses(source, agent)) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, 60);
            PAGES.send(response, callback, HttpStatus.TOO_MANY_REQUESTS_429, "login.html",
                    "<p class=\"error\" id=\"login-error\">Too many failed logins. Try again later.</p>");
            return;
        }
        Optional<Session> session = sessions.login(agent, form.getOrDefault("password", ""));
        if (session.isEmpty()) {
            throttle.failed(source, agent);
            // Not the id typed: people type passwords into the wrong field.
            log.info("agent page: login refused from {}", source);
            PAGES.send(response, callback, 401, "login.html",
                    "<p class=\"error\" id=\"login-error\">Wrong agent id or password.</p>");
            return;
        }
        throttle.succeeded(source, agent);
        log.info("agent page: {} logged in from {}", agent, source);
        response.getHeaders().add(HttpHeader.SET_COOKIE, DeskRequests.COOKIE + "=" + session.get().id() + cookieAttributes);
        PAGES.redirect(response, callback, "/desk/");
    }

    private void act(Request request, Response response, Callback callback, String path, Session session) {
        if (SameOrigin.crossSite(request)
                || !DeskSessions.csrfMatches(session, request.getHeaders().get(CSRF_HEADER))) {
            Answers.error(response, callback, 403, "cross-site request refused: no or wrong " + CSRF_HEADER);
            return;
        }
        String agent = session.agentId();
        try {
            switch (path) {
                case "/desk/ready" -> actions.acd().ready(agent);
                case "/desk/not-ready" -> {
                    String reason = DeskRequests.form(request).getOrDefault("reason", "");
                    if (!actions.notReadyReasons().contains(reason)) {
                        Answers.error(response, callback, 400, "reason must be one of " + actions.notReadyReasons());
                        return;
                    }
                    actions.acd().notReady(agent, reason);
                }
                case "/desk/pop-seen" -> {
                    desks.seen(agent, DeskRequests.form(request).getOrDefault("id", ""));
                    Answers.json(response, callback, 200, Map.of("seen", true));
                    return;
                }
                default -> {
                    sessions.logout(session);
                    streams.stream().filter(s -> s.session().equals(session)).forEach(s -> s.stream().close());
                    log.info("agent page: {} logged out", agent);
                    response.getHeaders().add(HttpHeader.SET_COOKIE, DeskRequests.COOKIE + "=" + cookieAttributes
                            + "; Max-Age=0");
                    Answers.json(response, callback, 200, Map.of("loggedOut", true));
                    return;
                }
            }
        } catch (IllegalStateException e) {
            Answers.error(response, callback, 409, String.valueOf(e.getMessage()));
            return;
        }
        Answers.json(response, callback, 200, desks.snapshot(agent));
    }

    private void events(Request request, Response response, Callback callback, Session session) {
        if (streamCount.incrementAndGet() > MAX_STREAMS) {
            streamCount.decrementAndGet();
            Answers.error(response, callback, 503, "too many open pages");
            return;
        }
        EventStream stream = new EventStream(response, callback, RECONNECT_MILLIS);
        OpenStream open = new OpenStream(stream, session);
        streams.add(open);
        Runnable unsubscribe = desks.subscribe(session.agentId(),
                Optional.ofNullable(request.getHeaders().get(LAST_EVENT_ID)), new AgentDesks.Subscriber() {
                    @Override
                    public void accept(Map<String, Object> snapshot) {
                        stream.event("state", snapshot);
                    }

                    @Override
                    public void pop(String id, Map<String, Object> pop) {
                        stream.event("pop", id, pop);
                    }
                });
        stream.onClose(() -> {
            unsubscribe.run();
            streams.remove(open);
            streamCount.decrementAndGet();
        });
    }

    /** Keeps open pages' connections alive, ends those whose session is gone, forgets quiet login failures. */
    private void tick() {
        try {
            for (OpenStream open : streams) {
                if (sessions.live(open.session())) {
                    open.stream().keepAlive();
                } else {
                    open.stream().close();
                }
            }
            throttle.forgetQuiet();
        } catch (RuntimeException e) {
            log.warn("agent page keep-alive failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        ticks.shutdownNow();
        streams.forEach(s -> s.stream().close());
        server.close();
    }
}
