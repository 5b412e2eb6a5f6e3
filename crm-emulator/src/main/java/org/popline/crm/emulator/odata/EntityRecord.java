package org.popline.crm.emulator.odata;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stored row: column name to value (String, Integer, or Instant for date-times; GUIDs lower-case), plus the
 * version number its {@code @odata.etag} is made from. Immutable, so readers never need a lock.
 */
public final class EntityRecord {

    private final Map<String, Object> values;
    private final long version;

    public EntityRecord(Map<String, Object> values, long version) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        this.version = version;
    }

    public Object get(String column) {
        return values.get(column);
    }

    public String getString(String column) {
        Object value = values.get(column);
        return value == null ? null : value.toString();
    }

    public Map<String, Object> values() {
        return values;
    }

    public long version() {
        return version;
    }

    public String etag() {
        return "W/\"" + version + "\"";
    }
}
