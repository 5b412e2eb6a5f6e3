package org.popline.ivr.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Appends query parameters to a URL written in a flow. Values are percent-encoded with {@code %20}
 * for a space, since OData reads {@code +} literally in some places; names made only of URL-safe
 * characters (OData's {@code $filter}) are kept as written.
 */
public final class QueryStrings {
    private QueryStrings() {
    }

    /** {@code url} with {@code params} appended after its own query, if it has one; empty values are left out when asked. */
    public static String append(String url, Map<String, String> params, boolean skipEmpty) {
        StringBuilder out = new StringBuilder(url);
        char separator = url.indexOf('?') < 0 ? '?' : '&';
        for (Map.Entry<String, String> p : params.entrySet()) {
            if (skipEmpty && p.getValue().isEmpty()) {
                continue;
            }
            out.append(separator).append(name(p.getKey())).append('=').append(encode(p.getValue()));
            separator = '&';
        }
        return out.toString();
    }

    private static String name(String name) {
        return name.matches("[A-Za-z0-9$._~-]+") ? name : encode(name);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
