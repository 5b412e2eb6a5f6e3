package org.popline.ops.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.popline.ivr.engine.FlowTraces;
import org.popline.ivr.flow.Flow;
import org.popline.ops.admin.AdminToken;
import org.popline.web.Answers;
import org.popline.web.BrowserPages;
import org.popline.web.EventStream;
import org.popline.web.RequestParts;
import org.popline.web.SameOrigin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervisor's page on the admin API's port, under {@code /supervisor/}. A browser cannot be made to send the
 * admin bearer token, so the login form takes the token once and answers with a session cookie (HttpOnly,
 * SameSite=Strict, path /supervisor); everything else needs that session.
 *
 * <pre>
 * GET  /supervisor/            the login form, or the board once logged in
 * POST /supervisor/login       token (form) -> session cookie
 * POST /supervisor/logout
 * GET  /supervisor/flow.svg    the loaded flow drawn (404 when the server runs the plain greeting)
 * GET  /supervisor/events      server-sent events: "board" every second; with ?call=ID also "trace", that
 *                              call's steps, whenever they change
 * </pre>
 */
public final class SupervisorPage implements Request.Handler {
    private static final BrowserPages PAGES = new BrowserPages(SupervisorPage.class, "/supervisor/", "'none'");
    private static final Logger log = LoggerFactory.getLogger(SupervisorPage.class);
    public static final String PREFIX = "/supervisor/";
    private static final String COOKIE = "popline-supervisor";
    private static final Map<String, String> ASSETS = Map.of(
            "/supervisor/supervisor.js", "text/javascript; charset=utf-8",
            "/supervisor/supervisor.css", "text/css; charset=utf-8");
    private static final Duration IDLE = Duration.ofHours(8);
    private static final long TICK_MILLIS = 1000;
    private static final int MAX_STREAMS = 32;
    private static final int MAX_FORM_BYTES = 4096;

    /** One open page: its stream, its session, the call it follows and what it last got of that call. */
    private static final class Watcher {
        final EventStream stream;
        final String session;
        final String call;
        String lastTrace = "";

        Watcher(EventStream stream, String session, String call) {
            this.stream = stream;
            this.session = session;
            this.call = call;
        }
    }

    private final AdminToken token;
    private final SupervisorBoard board;
    private final FlowTraces traces;
    private final Supplier<Optional<Flow>> flow;
    private final SupervisorSessions sessions;
    private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticks;
    private Flow drawn;
    private String drawing;

    /** @param flow the flow calls run now, empty when the server plays the plain greeting */
    public SupervisorPage(AdminToken token, SupervisorBoard board, FlowTraces traces, Supplier<Optional<Flow>> flow,
            Clock clock) {
        this.token = token;
        this.board = board;
        this.traces = traces;
        this.flow = flow;
        this.sessions = new SupervisorSessions(clock, IDLE);
        this.ticks = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "supervisor-board");
            t.setDaemon(true);
            return t;
        });
        ticks.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        PAGES.secure(response);
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        Optional<String> session = RequestParts.cookie(request, COOKIE);
        boolean in = sessions.touch(session);
        try {
            if (path.equals(PREFIX) && method.equals("GET")) {
                PAGES.send(response, callback, 200, in ? "board.html" : "login.html", "");
            } else if (ASSETS.containsKey(path) && method.equals("GET")) {
                Answers.bytes(response, callback, 200, ASSETS.get(path), PAGES.resource(path.substring(PREFIX.length())));
            } else if (path.equals(PREFIX + "login") && method.equals("POST")) {
                login(request, response, callback);
            } else if (!in) {
                Answers.error(response, callback, 401, "log in first");
            } else if (SameOrigin.crossSite(request)) {
                Answers.error(response, callback, 403, "cross-site request refused");
            } else if (path.equals(PREFIX + "logout") && method.equals("POST")) {
                sessions.close(session);
                watchers.stream().filter(w -> w.session.equals(session.get())).forEach(w -> w.stream.close());
                response.getHeaders().add(HttpHeader.SET_COOKIE, COOKIE + "=" + cookieAttributes() + "; Max-Age=0");
                PAGES.redirect(response, callback, PREFIX);
            } else if (path.equals(PREFIX + "flow.svg") && method.equals("GET")) {
                Optional<String> svg = drawing();
                if (svg.isEmpty()) {
                    Answers.error(response, callback, 404, "no flow loaded: the server plays the plain greeting");
                } else {
                    Answers.bytes(response, callback, 200, "image/svg+xml; charset=utf-8",
                            svg.get().getBytes(StandardCharsets.UTF_8));
                }
            } else if (path.equals(PREFIX + "events") && method.equals("GET")) {
                events(request, response, callback, session.get());
            } else {
                Answers.error(response, callback, 404, "not found");
            }
        } catch (RequestParts.TooLarge e) {
            Answers.error(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, e.getMessage());
        } catch (IOException | RuntimeException e) {
            log.warn("supervisor page request failed: {}", e.toString());
            callback.failed(e);
        }
        return true;
    }

    private void login(Request request, Response response, Callback callback) throws IOException {
        if (SameOrigin.crossSite(request)) {
            Answers.error(response, callback, 403, "cross-site request refused");
            return;
        }
        String given = RequestParts.form(request, MAX_FORM_BYTES).getOrDefault("token", "");
        if (!token.authorises("Bearer " + given)) {
            log.info("supervisor page: login refused from {}", Request.getRemoteAddr(request));
            PAGES.send(response, callback, 401, "login.html",
                    "<p class=\"error\" id=\"login-error\">That is not the admin token.</p>");
            return;
        }
        log.info("supervisor page: logged in from {}", Request.getRemoteAddr(request));
        response.getHeaders().add(HttpHeader.SET_COOKIE, COOKIE + "=" + sessions.open() + cookieAttributes());
        PAGES.redirect(response, callback, PREFIX);
    }

    /** The admin API is plain HTTP on a trusted network (see the README), hence no Secure attribute. */
    private static String cookieAttributes() {
        return "; Path=" + PREFIX + "; HttpOnly; SameSite=Strict";
    }

    private void events(Request request, Response response, Callback callback, String session) {
        if (watchers.size() >= MAX_STREAMS) {
            Answers.error(response, callback, 503, "too many open pages");
            return;
        }
        String call = RequestParts.query(request).getOrDefault("call", "");
        Watcher watcher = new Watcher(new EventStream(response, callback, 2000), session, call);
        watchers.add(watcher);
        watcher.stream.onClose(() -> watchers.remove(watcher));
        send(watcher, board.snapshot());
    }

    private void tick() {
        try {
            if (watchers.isEmpty()) {
                return;
            }
            Map<String, Object> snapshot = board.snapshot();
            for (Watcher watcher : watchers) {
                if (sessions.live(watcher.session)) {
                    send(watcher, snapshot);
                } else {
                    watcher.stream.close();
                }
            }
        } catch (RuntimeException e) {
            log.warn("supervisor board update failed: {}", e.toString());
        }
    }

    private void send(Watcher watcher, Map<String, Object> snapshot) {
        watcher.stream.event("board", snapshot);
        if (!watcher.call.isEmpty()) {
            traces.find(watcher.call).ifPresent(trace -> {
                String json = new String(Answers.json(trace), StandardCharsets.UTF_8);
                synchronized (watcher) {
                    if (!json.equals(watcher.lastTrace)) {
                        watcher.lastTrace = json;
                        watcher.stream.event("trace", trace);
                    }
                }
            });
        }
    }

    /** The drawing of the flow running now, laid out again only when the flow was reloaded. */
    private synchronized Optional<String> drawing() {
        Optional<Flow> now = flow.get();
        if (now.isEmpty()) {
            return Optional.empty();
        }
        if (now.get() != drawn) {
            drawing = FlowDrawing.svg(now.get());
            drawn = now.get();
        }
        return Optional.of(drawing);
    }

    /** Ends open pages' streams and the board's timer. */
    public void close() {
        ticks.shutdownNow();
        watchers.forEach(w -> w.stream.close());
    }
}
