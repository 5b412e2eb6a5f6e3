package org.popline.crm.emulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.popline.crm.emulator.odata.Column;
import org.popline.crm.emulator.odata.EntityRecord;
import org.popline.crm.emulator.odata.EntityType;

/**
 * Writes records the way the Web API does: {@code @odata.etag} first, the selected columns, the primary key always,
 * and with {@code odata.include-annotations} the formatted values of lookups and state codes.
 */
final class RecordJson {

    private static final String FORMATTED = "@OData.Community.Display.V1.FormattedValue";

    private final CrmStore store;

    RecordJson(CrmStore store) {
        this.store = store;
    }

    ObjectNode write(EntityRecord record, EntityType type, List<String> select, boolean annotations) {
        ObjectNode node = Exchanges.JSON.createObjectNode();
        node.put("@odata.etag", record.etag());
        for (String name : columns(type, select)) {
            Column column = type.requireColumn(name);
            Object value = record.get(name);
            node.putPOJO(name, JsonValues.json(value));
            if (annotations && value != null) {
                annotate(node, column, value, type);
            }
        }
        return node;
    }

    private static List<String> columns(EntityType type, List<String> select) {
        List<String> names = new ArrayList<>();
        if (select.isEmpty()) {
            type.columns().forEach(c -> names.add(c.name()));
        } else {
            names.addAll(select);
            if (!names.contains(type.keyColumn())) {
                names.add(type.keyColumn());
            }
        }
        return names;
    }

    private void annotate(ObjectNode node, Column column, Object value, EntityType type) {
        if (column.isLookup()) {
            EntityType target = EntityTypes.byLogicalName(column.lookupTarget()).orElseThrow();
            store.find(target, (String) value).ifPresent(
                    referenced -> node.put(column.name() + FORMATTED, referenced.getString("fullname")));
            node.put(column.name() + "@Microsoft.Dynamics.CRM.associatednavigationproperty",
                    column.navigationProperty());
            node.put(column.name() + "@Microsoft.Dynamics.CRM.lookuplogicalname", column.lookupTarget());
        } else if (column.name().equals("statecode")) {
            node.put("statecode" + FORMATTED, StateNames.state(type, (Integer) value));
        } else if (column.name().equals("statuscode")) {
            node.put("statuscode" + FORMATTED, StateNames.status(type, (Integer) value));
        }
    }

    static String context(String apiRoot, EntityType type, List<String> select, boolean single) {
        String columns = select.isEmpty() ? "" : "(" + String.join(",", select) + ")";
        return apiRoot + "$metadata#" + type.setName() + columns + (single ? "/$entity" : "");
    }
}
