package org.popline.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The HTML pages of a surface people open in a browser (the agents' page, the supervisor's): served
 * from one folder of the classpath, with headers that forbid framing, sniffing and caching and
 * allow scripts, styles and images only from the page's own origin.
 */
public final class BrowserPages {
    private final Class<?> owner;
    private final String folder;
    private final String contentSecurityPolicy;

    /**
     * @param folder      the classpath folder the pages and assets live in, e.g. {@code /desk/}
     * @param frameSource what the page may frame ({@code 'none'} for nothing)
     */
    public BrowserPages(Class<?> owner, String folder, String frameSource) {
        this.owner = owner;
        this.folder = folder;
        this.contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                + "img-src 'self'; frame-src " + frameSource + "; frame-ancestors 'none'; form-action 'self'; "
                + "base-uri 'none'";
    }

    public void secure(Response response) {
        var h = response.getHeaders();
        h.put("Content-Security-Policy", contentSecurityPolicy);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Frame-Options", "DENY");
        // Not no-referrer: under it browsers send "Origin: null" with the page's own form posts.
        h.put("Referrer-Policy", "same-origin");
        h.put(HttpHeader.CACHE_CONTROL, "no-store");
    }

    public void redirect(Response response, Callback callback, String location) {
        response.getHeaders().put(HttpHeader.LOCATION, location);
        Answers.empty(response, callback, HttpStatus.SEE_OTHER_303);
    }

    /** An HTML page of the folder, with {@code <!--error-->} replaced by the given (already escaped) text. */
    public void send(Response response, Callback callback, int status, String page, String error) throws IOException {
        String html = new String(resource(page), StandardCharsets.UTF_8).replace("<!--error-->", error);
        Answers.bytes(response, callback, status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] resource(String name) throws IOException {
        try (InputStream in = owner.getResourceAsStream(folder + name)) {
            if (in == null) {
                throw new IOException("missing resource " + folder + name);
            }
            return in.readAllBytes();
        }
    }
}
