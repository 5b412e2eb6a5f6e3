package org.popline.crm.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.popline.crm.emulator.odata.Column;
import org.popline.crm.emulator.odata.DataverseError;
import org.popline.crm.emulator.odata.EntityType;

/**
 * Reads the body of a create request into typed column values. Lookups are set the Web API way, through
 * {@code <navigation>@odata.bind: "/contacts(<id>)"}; computed columns and unknown properties are refused.
 */
final class RecordInput {

    private static final Pattern BIND = Pattern.compile("(?:.*/)?([a-z]+)\\(\\{?([0-9a-fA-F-]{36})\\}?\\)");

    private final CrmStore store;

    RecordInput(CrmStore store) {
        this.store = store;
    }

    Map<String, Object> parse(String body, EntityType type) {
        JsonNode root;
        try {
            root = Exchanges.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw DataverseError.badQuery("The request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw DataverseError.badQuery("The request body must be a JSON object.");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (name.startsWith("@odata.")) {
                continue;
            }
            if (name.endsWith("@odata.bind")) {
                bind(type, name.substring(0, name.length() - "@odata.bind".length()), field.getValue(), values);
            } else {
                values.put(name, column(type, name, field.getValue()));
            }
        }
        requireCustomer(type, values);
        return values;
    }

    private Object column(EntityType type, String name, JsonNode value) {
        Column column = type.column(name).orElseThrow(() -> DataverseError.badQuery("The property '" + name
                + "' does not exist on type '" + type.qualifiedName() + "'. Make sure to only use property names"
                + " that are defined by the type or mark the type as open type."));
        if (column.isLookup()) {
            throw DataverseError.badQuery("CRM do not support direct update of Entity Reference properties,"
                    + " Use Navigation properties instead.");
        }
        if (EntityTypes.isComputed(name)) {
            throw DataverseError.badQuery("The property '" + name + "' is computed by the server and cannot be set.");
        }
        try {
            return JsonValues.typed(column, value);
        } catch (IllegalArgumentException e) {
            throw DataverseError.badQuery(e.getMessage());
        }
    }

    private void bind(EntityType type, String navigation, JsonNode value, Map<String, Object> values) {
        Column column = type.lookupByNavigationProperty(navigation).orElseThrow(() -> DataverseError.badQuery(
                "An undeclared property '" + navigation + "' which only has property annotations in the payload"
                        + " but no property value was found in the payload."));
        Matcher m = BIND.matcher(value.asText(""));
        EntityType target = EntityTypes.byLogicalName(column.lookupTarget()).orElseThrow();
        if (!value.isTextual() || !m.matches() || !m.group(1).equals(target.setName())) {
            throw DataverseError.badQuery("The value of '" + navigation + "@odata.bind' must be like '/"
                    + target.setName() + "(<guid>)'.");
        }
        String id = m.group(2).toLowerCase();
        if (store.find(target, id).isEmpty()) {
            throw new DataverseError(404, DataverseError.NOT_FOUND_CODE,
                    target.logicalName() + " With Id = " + id + " Does Not Exist");
        }
        values.put(column.name(), id);
    }

    private static void requireCustomer(EntityType type, Map<String, Object> values) {
        if (type == EntityTypes.INCIDENT && values.get("_customerid_value") == null) {
            throw new DataverseError(400, "0x80040278", "You should specify a parent contact or account.");
        }
    }
}
