package org.popline.crm.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.popline.crm.emulator.odata.Column;
import org.popline.crm.emulator.odata.EntityType;

/**
 * Fills a store from a seed file: {@code {"contacts":[{...}], "incidents":[{...}]}}, each record written with the
 * Web API's column names ({@code _customerid_value} for the customer). Any problem names the file and the record.
 */
public final class SeedLoader {

    private final ObjectMapper json = new ObjectMapper();

    public void load(Path seed, CrmStore store) throws IOException {
        JsonNode root = json.readTree(Files.readString(seed));
        if (root == null || !root.isObject()) {
            throw new IOException(seed + ": expected a JSON object with 'contacts' and 'incidents'");
        }
        Iterator<String> names = root.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            EntityType type = EntityTypes.bySetName(name).orElseThrow(() -> new IOException(
                    seed + ": unknown entity set '" + name + "' (expected contacts or incidents)"));
            loadSet(seed, root.get(name), type, store);
        }
    }

    private void loadSet(Path seed, JsonNode records, EntityType type, CrmStore store) throws IOException {
        if (!records.isArray()) {
            throw new IOException(seed + ": '" + type.setName() + "' must be an array");
        }
        for (int i = 0; i < records.size(); i++) {
            String where = seed + ": " + type.setName() + "[" + i + "]";
            try {
                store.create(type, values(records.get(i), type, store));
            } catch (IllegalArgumentException e) {
                throw new IOException(where + ": " + e.getMessage(), e);
            }
        }
    }

    private static Map<String, Object> values(JsonNode record, EntityType type, CrmStore store) {
        if (!record.isObject()) {
            throw new IllegalArgumentException("each record must be a JSON object");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = record.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            Column column = type.column(field.getKey()).orElseThrow(() -> new IllegalArgumentException(
                    "unknown column '" + field.getKey() + "' for " + type.logicalName()));
            Object value = JsonValues.typed(column, field.getValue());
            if (column.isLookup() && value != null) {
                EntityType target = EntityTypes.byLogicalName(column.lookupTarget()).orElseThrow();
                if (store.find(target, (String) value).isEmpty()) {
                    throw new IllegalArgumentException(column.name() + " points at " + value
                            + ", which is not a " + target.logicalName() + " seeded before it");
                }
            }
            values.put(column.name(), value);
        }
        return values;
    }
}
