package org.popline.crm.emulator;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.popline.crm.emulator.odata.Column;
import org.popline.crm.emulator.odata.ColumnType;
import org.popline.crm.emulator.odata.EntityType;

/** The two Dataverse tables the emulator serves, with the columns of the real ones that the reference flow uses. */
public final class EntityTypes {

    public static final EntityType CONTACT = new EntityType("contacts", "contact", "contactid", List.of(
            Column.of("contactid", ColumnType.GUID),
            Column.of("firstname", ColumnType.STRING),
            Column.of("lastname", ColumnType.STRING),
            Column.of("fullname", ColumnType.STRING),
            Column.of("telephone1", ColumnType.STRING),
            Column.of("mobilephone", ColumnType.STRING),
            Column.of("telephone2", ColumnType.STRING),
            Column.of("emailaddress1", ColumnType.STRING),
            Column.lookup("_parentcustomerid_value", "contact", "parentcustomerid_contact"),
            Column.of("statecode", ColumnType.INTEGER),
            Column.of("statuscode", ColumnType.INTEGER),
            Column.of("createdon", ColumnType.DATETIME)));

    public static final EntityType INCIDENT = new EntityType("incidents", "incident", "incidentid", List.of(
            Column.of("incidentid", ColumnType.GUID),
            Column.of("ticketnumber", ColumnType.STRING),
            Column.of("title", ColumnType.STRING),
            Column.of("description", ColumnType.STRING),
            Column.lookup("_customerid_value", "contact", "customerid_contact"),
            Column.of("statecode", ColumnType.INTEGER),
            Column.of("statuscode", ColumnType.INTEGER),
            Column.of("caseorigincode", ColumnType.INTEGER),
            Column.of("prioritycode", ColumnType.INTEGER),
            Column.of("createdon", ColumnType.DATETIME)));

    /** Columns the server computes; a create request may not set them. */
    private static final Set<String> COMPUTED = Set.of("fullname", "ticketnumber", "createdon", "statecode");

    private EntityTypes() {
    }

    public static List<EntityType> all() {
        return List.of(CONTACT, INCIDENT);
    }

    public static Optional<EntityType> bySetName(String setName) {
        return all().stream().filter(t -> t.setName().equals(setName)).findFirst();
    }

    public static Optional<EntityType> byLogicalName(String logicalName) {
        return all().stream().filter(t -> t.logicalName().equals(logicalName)).findFirst();
    }

    public static boolean isComputed(String column) {
        return COMPUTED.contains(column);
    }
}
