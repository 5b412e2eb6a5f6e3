package org.popline.desk;

import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Request;
import org.popline.web.RequestParts;

/** What the agent page's handlers read from a request: the session cookie, a form, where it came from. */
final class DeskRequests {
    static final String COOKIE = "popline_desk";
    /** A form larger than this is no login or reason: refused with 413. */
    private static final int MAX_FORM_BYTES = 4096;

    private DeskRequests() {
    }

    static Optional<String> sessionCookie(Request request) {
        return RequestParts.cookie(request, COOKIE);
    }

    /** An application/x-www-form-urlencoded body, or the query string when there is no body. */
    static Map<String, String> form(Request request) {
        return RequestParts.form(request, MAX_FORM_BYTES);
    }

    static String source(Request request) {
        return Request.getRemoteAddr(request);
    }
}
