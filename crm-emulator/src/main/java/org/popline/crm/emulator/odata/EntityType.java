package org.popline.crm.emulator.odata;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The schema of one entity set: its names, primary key and columns (in the order a full record lists them). */
public final class EntityType {

    private final String setName;
    private final String logicalName;
    private final String keyColumn;
    private final Map<String, Column> columns = new LinkedHashMap<>();

    public EntityType(String setName, String logicalName, String keyColumn, List<Column> columns) {
        this.setName = setName;
        this.logicalName = logicalName;
        this.keyColumn = keyColumn;
        columns.forEach(c -> this.columns.put(c.name(), c));
        if (!this.columns.containsKey(keyColumn)) {
            throw new IllegalArgumentException("key column " + keyColumn + " is not a column of " + setName);
        }
    }

    public String setName() {
        return setName;
    }

    public String logicalName() {
        return logicalName;
    }

    public String qualifiedName() {
        return "Microsoft.Dynamics.CRM." + logicalName;
    }

    public String keyColumn() {
        return keyColumn;
    }

    public Collection<Column> columns() {
        return columns.values();
    }

    public Optional<Column> column(String name) {
        return Optional.ofNullable(columns.get(name));
    }

    /** The column, or the 400 Dataverse answers for a property the type does not have (names are case-sensitive). */
    public Column requireColumn(String name) {
        return column(name).orElseThrow(() -> DataverseError.unknownProperty(name, this));
    }

    public Optional<Column> lookupByNavigationProperty(String navigationProperty) {
        return columns.values().stream()
                .filter(c -> navigationProperty.equals(c.navigationProperty()))
                .findFirst();
    }
}
