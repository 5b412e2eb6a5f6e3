package org.popline.ivr.webex;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A connector request path as Webex writes it, query string included
 * ({@code contacts?$select=fullname&$filter=contains(telephone1,'{{ANI}}')}), split into the path and
 * its parameters so each value is encoded once it is rendered. A query already percent-encoded
 * stays in the path as written.
 */
record HttpPath(String path, Map<String, String> query) {

    static HttpPath split(String written) {
        int q = written.indexOf('?');
        if (q < 0 || written.substring(q).contains("%")) {
            return new HttpPath(written, Map.of());
        }
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : written.substring(q + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            query.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
        }
        return new HttpPath(written.substring(0, q), query);
    }
}
