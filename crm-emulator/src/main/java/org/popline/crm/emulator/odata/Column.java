package org.popline.crm.emulator.odata;

/**
 * One property of an entity type. A lookup ({@code _customerid_value}) names the entity it points at and the
 * navigation property a create request binds it through ({@code customerid_contact@odata.bind}).
 */
public record Column(String name, ColumnType type, String lookupTarget, String navigationProperty) {

    public static Column of(String name, ColumnType type) {
        return new Column(name, type, null, null);
    }

    public static Column lookup(String name, String targetLogicalName, String navigationProperty) {
        return new Column(name, ColumnType.GUID, targetLogicalName, navigationProperty);
    }

    public boolean isLookup() {
        return lookupTarget != null;
    }
}
