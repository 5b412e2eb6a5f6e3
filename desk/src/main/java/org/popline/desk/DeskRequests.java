package org.popline.desk;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the agent page's handlers read from a request: the session cookie, a form, where it came from. */
final class DeskRequests {
    static final String COOKIE = "popline_desk";
    /** A form larger than this is no login or reason: refused unread. */
    private static final int MAX_FORM_BYTES = 4096;

    private DeskRequests() {
    }

    static Optional<String> sessionCookie(HttpExchange exchange) {
        List<String> headers = exchange.getRequestHeaders().getOrDefault("Cookie", List.of());
        for (String header : headers) {
            for (String pair : header.split(";")) {
                String p = pair.trim();
                if (p.startsWith(COOKIE + "=")) {
                    return Optional.of(p.substring(COOKIE.length() + 1));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * True for a request a browser sent from another site's page. Browsers send Origin with every
     * POST; a request without it (curl, a test) is judged by its session and CSRF token alone.
     */
    static boolean crossSite(HttpExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst("Origin");
        String host = exchange.getRequestHeaders().getFirst("Host");
        String fetchSite = exchange.getRequestHeaders().getFirst("Sec-Fetch-Site");
        boolean foreignFetch = fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none");
        return foreignFetch || (origin != null && (host == null || !origin.equals("http://" + host)));
    }

    /** An application/x-www-form-urlencoded body, or the query string when there is no body. */
    static Map<String, String> form(HttpExchange exchange) throws IOException {
        String text;
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_FORM_BYTES + 1);
            if (body.length > MAX_FORM_BYTES) {
                throw new IllegalArgumentException("form too large");
            }
            text = new String(body, StandardCharsets.UTF_8);
        }
        if (text.isEmpty() && exchange.getRequestURI().getRawQuery() != null) {
            text = exchange.getRequestURI().getRawQuery();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            params.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}
