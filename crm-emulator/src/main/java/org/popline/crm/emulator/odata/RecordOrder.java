package org.popline.crm.emulator.odata;

import java.util.Comparator;

/** Parses {@code $orderby} ("createdon desc,lastname") into a comparator; nulls sort first ascending, as in SQL Server. */
public final class RecordOrder {

    private RecordOrder() {
    }

    public static Comparator<EntityRecord> parse(String orderBy, EntityType type) {
        Comparator<EntityRecord> order = null;
        for (String clause : orderBy.split(",")) {
            String[] parts = clause.trim().split("\\s+");
            if (parts.length == 0 || parts[0].isEmpty() || parts.length > 2) {
                throw DataverseError.badQuery("Syntax error in $orderby at '" + clause.trim() + "'.");
            }
            Column column = type.requireColumn(parts[0]);
            Comparator<EntityRecord> key = byColumn(column);
            if (parts.length == 2) {
                if (parts[1].equals("desc")) {
                    key = key.reversed();
                } else if (!parts[1].equals("asc")) {
                    throw DataverseError.badQuery("Syntax error: character '" + parts[1]
                            + "' is not valid in $orderby '" + orderBy + "'.");
                }
            }
            order = order == null ? key : order.thenComparing(key);
        }
        return order;
    }

    private static Comparator<EntityRecord> byColumn(Column column) {
        return Comparator.comparing(
                (EntityRecord record) -> column.type().comparable(record.get(column.name())),
                Comparator.nullsFirst(Comparator.naturalOrder()));
    }
}
