package org.popline.web;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/** What handlers read from a request, decoded by Jetty: the query string, a form body, a cookie. */
public final class RequestParts {
    /** A form with more fields than this is no login or reason. */
    static final int MAX_FORM_FIELDS = 16;

    private RequestParts() {
    }

    /** The query string's parameters, the first value of each. */
    public static Map<String, String> query(Request request) {
        return firstValues(Request.extractQueryParameters(request, StandardCharsets.UTF_8));
    }

    /**
     * An {@code application/x-www-form-urlencoded} body of at most {@code maxBytes}, or the query string when there
     * is no form. {@link WebServer} has read the form before the handler runs, so this does not wait.
     *
     * @throws TooLarge for a bigger body
     */
    public static Map<String, String> form(Request request, int maxBytes) {
        Charset charset = FormFields.getFormEncodedCharset(request);
        if (charset == null) {
            // Not a form: its body is left unread (a reader would wait for it holding a thread).
            return query(request);
        }
        Fields fields;
        try {
            fields = FormFields.from(request, charset, MAX_FORM_FIELDS, maxBytes).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading a form", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.eclipse.jetty.http.HttpException http
                    && http.getCode() == HttpStatus.PAYLOAD_TOO_LARGE_413) {
                throw new TooLarge();
            }
            throw new IllegalArgumentException("not a readable form: " + e.getCause().getMessage(), e);
        }
        if (Request.getContentBytesRead(request) > maxBytes) {
            throw new TooLarge();
        }
        Map<String, String> values = firstValues(fields);
        return values.isEmpty() ? query(request) : values;
    }

    /** A request body beyond what the handler takes. */
    public static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("request body too large", null, false, false);
        }
    }

    public static Optional<String> cookie(Request request, String name) {
        for (HttpCookie cookie : Request.getCookies(request)) {
            if (cookie.getName().equals(name)) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> firstValues(Fields fields) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Fields.Field field : fields) {
            values.put(field.getName(), field.getValue());
        }
        return values;
    }
}
