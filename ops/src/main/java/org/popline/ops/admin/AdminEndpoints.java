package org.popline.ops.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.popline.web.Answers;
import org.popline.web.RequestParts;
import org.popline.web.SameOrigin;
import org.popline.web.WebServer;

/**
 * JSON views of the running server ({@code GET /health}, {@code GET /calls},
 * {@code GET /crm/lookup?ani=...}, ...), so that tests and operators can see what it holds, check that
 * nothing leaked after calls end, and try a caller lookup without placing a call; and a few
 * actions by POST (an agent's ready / not ready). Everything but {@code GET /health} needs the
 * {@link AdminToken} as {@code Authorization: Bearer ...}. A browser cannot send that from another
 * site's page; a POST that a browser marks as coming from one is refused all the same (403).
 */
public final class AdminEndpoints implements AutoCloseable {
    private static final String OPEN_PATH = "/health";
    private static final int MAX_FORM_BYTES = 4096;

    /** What a path answers: a method and a handler producing the body (or throwing to refuse). */
    private record Route(String method, String contentType, Function<Request, byte[]> body) {
    }

    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    /** Browser pages under a path prefix, each checking its own session in place of the bearer token. */
    private final Map<String, Request.Handler> pages = new ConcurrentHashMap<>();
    private final List<Runnable> pageStops = new CopyOnWriteArrayList<>();
    private final AdminToken token;
    private final WebServer server;

    /**
     * @param listen  where, and the names this API answers to (anything else is DNS rebinding)
     * @param views   path (e.g. "/health") to what it shows for the request's query parameters,
     *                rendered as JSON on each GET
     * @param actions path to what a POST there does with the query or form parameters, answering JSON; an
     *                IllegalArgumentException (no such thing) answers 404, an IllegalStateException
     *                (not now) 409
     */
    public AdminEndpoints(WebServer.Listen listen, AdminToken token,
            Map<String, Function<Map<String, String>, Object>> views,
            Map<String, Function<Map<String, String>, Object>> actions) throws IOException {
        this.token = token;
        views.forEach(this::addView);
        actions.forEach((path, action) -> routes.put(path, new Route("POST", Answers.JSON_TYPE,
                request -> Answers.json(action.apply(RequestParts.form(request, MAX_FORM_BYTES))))));
        server = WebServer.start("admin-http", listen, WebServer.Limits.DEFAULT,
                new Handler.Abstract() {
                    @Override
                    public boolean handle(Request request, Response response, Callback callback) throws Exception {
                        String path = Request.getPathInContext(request);
                        for (Map.Entry<String, Request.Handler> page : pages.entrySet()) {
                            if (path.startsWith(page.getKey())) {
                                return page.getValue().handle(request, response, callback);
                            }
                        }
                        serve(request, response, callback);
                        return true;
                    }
                });
    }

    private void serve(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        Route route = routes.get(path);
        boolean open = path.equals(OPEN_PATH) && request.getMethod().equals("GET");
        if (!open && !token.authorises(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"popline-admin\"");
            Answers.error(response, callback, HttpStatus.UNAUTHORIZED_401,
                    "give the admin token as Authorization: Bearer ... (see the README, Deploying on a network)");
            return;
        }
        if (request.getMethod().equals("POST") && SameOrigin.crossSite(request)) {
            Answers.error(response, callback, HttpStatus.FORBIDDEN_403, "cross-site request refused");
            return;
        }
        if (route == null) {
            Answers.error(response, callback, HttpStatus.NOT_FOUND_404, "not found");
            return;
        }
        if (!route.method().equals(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, route.method());
            Answers.error(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "use " + route.method());
            return;
        }
        byte[] body;
        try {
            body = route.body().apply(request);
        } catch (RequestParts.TooLarge e) {
            Answers.error(response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413, e.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            Answers.error(response, callback, route.method().equals("GET") ? HttpStatus.BAD_REQUEST_400
                    : HttpStatus.NOT_FOUND_404, String.valueOf(e.getMessage()));
            return;
        } catch (IllegalStateException e) {
            Answers.error(response, callback, HttpStatus.CONFLICT_409, String.valueOf(e.getMessage()));
            return;
        }
        Answers.bytes(response, callback, HttpStatus.OK_200, route.contentType(), body);
    }

    /**
     * Adds a GET view; an IllegalArgumentException from it (a bad query parameter) answers 400 naming the problem.
     */
    public void addView(String path, Function<Map<String, String>, Object> view) {
        routes.put(path, new Route("GET", Answers.JSON_TYPE,
                request -> Answers.json(view.apply(RequestParts.query(request)))));
    }

    /** Adds a GET view answering text of the given type (Prometheus metrics, CSV) rather than JSON. */
    public void addTextView(String path, String contentType, Function<Map<String, String>, String> view) {
        routes.put(path, new Route("GET", contentType,
                request -> view.apply(RequestParts.query(request)).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Hands every request under {@code prefix} (e.g. "/supervisor/") to a browser page, which must refuse what its
     * own login does not allow: a browser cannot be made to send the bearer token, so the page trades it for a
     * session cookie. The Host allowlist still applies.
     *
     * @param stop what ends the page's own work (timers, open streams) when this API closes
     */
    public void addPage(String prefix, Request.Handler page, Runnable stop) {
        pages.put(prefix, page);
        pageStops.add(stop);
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        pageStops.forEach(Runnable::run);
    }
}
