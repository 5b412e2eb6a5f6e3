package org.popline.crm.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.popline.crm.emulator.odata.Column;
import org.popline.crm.emulator.odata.ColumnType;

/** Converts between JSON values and the typed values records hold, column by column. */
final class JsonValues {

    private JsonValues() {
    }

    /** The typed value, or an IllegalArgumentException naming the column when the JSON does not fit it. */
    static Object typed(Column column, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        ColumnType type = column.type();
        if (type == ColumnType.INTEGER) {
            if (!node.canConvertToInt() || !node.isIntegralNumber()) {
                throw mismatch(column, node);
            }
            return node.intValue();
        }
        if (!node.isTextual()) {
            throw mismatch(column, node);
        }
        String text = node.textValue();
        if (type == ColumnType.GUID) {
            if (!ColumnType.isGuid(text)) {
                throw mismatch(column, node);
            }
            return text.toLowerCase(Locale.ROOT);
        }
        if (type == ColumnType.DATETIME) {
            try {
                return OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.SECONDS);
            } catch (DateTimeParseException e) {
                throw mismatch(column, node);
            }
        }
        return text;
    }

    /** The value as Dataverse writes it: date-times as UTC ISO-8601 with a Z. */
    static Object json(Object value) {
        if (value instanceof Instant instant) {
            return instant.truncatedTo(ChronoUnit.SECONDS).toString();
        }
        return value;
    }

    private static IllegalArgumentException mismatch(Column column, JsonNode node) {
        return new IllegalArgumentException("Cannot convert the literal '" + node + "' to the expected type '"
                + column.type().edmName() + "' of property '" + column.name() + "'.");
    }
}
