package org.popline.app.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Command-line values that win over the file, keyed by the same dotted keys as the YAML,
 * so that one validator checks both and its messages name the key either way.
 */
public final class Overrides {
    private final Map<String, String> values = new LinkedHashMap<>();

    public Overrides set(String key, String value) {
        values.put(key, value);
        return this;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    Map<String, String> values() {
        return values;
    }
}
