package org.popline.ivr.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Hides secrets in what a trace keeps: values under names that sound secret (an Authorization
 * header, a token, a password, an API key), at any depth, and bearer tokens wherever they appear.
 * Traces are readable over the admin API, so nothing secret may reach them.
 */
final class SecretMask {
    static final String MASK = "***";
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(authorization|token|secret|password|passwd|api[-_]?key|cookie|signature).*");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]+");
    private static final Pattern SECRET_QUERY_PARAMETER =
            Pattern.compile("(?i)([?&][^=&]*(token|secret|password|api[-_]?key|signature)[^=&]*=)[^&\\s\"]*");

    private SecretMask() {
    }

    static Object mask(String name, Object value) {
        if (value == null) {
            return null;
        }
        if (SECRET_NAME.matcher(name).matches()) {
            return MASK;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), mask(String.valueOf(k), v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(v -> mask("", v)).toList();
        }
        if (value instanceof String text) {
            return maskInText(text);
        }
        return value;
    }

    /** Secrets in a URL's query ({@code ?access_token=...}) or a bearer token quoted in a body. */
    static String maskInText(String text) {
        String masked = BEARER.matcher(text).replaceAll("$1" + MASK);
        return SECRET_QUERY_PARAMETER.matcher(masked).replaceAll("$1" + MASK);
    }
}
