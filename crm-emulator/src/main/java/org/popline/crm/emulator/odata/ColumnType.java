package org.popline.crm.emulator.odata;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/** How a column's values are stored, compared and matched against {@code $filter} literals. */
public enum ColumnType {
    STRING("Edm.String"), GUID("Edm.Guid"), INTEGER("Edm.Int32"), DATETIME("Edm.DateTimeOffset");

    private static final Pattern GUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final String edmName;

    ColumnType(String edmName) {
        this.edmName = edmName;
    }

    public String edmName() {
        return edmName;
    }

    public static boolean isGuid(String text) {
        return GUID_TEXT.matcher(text).matches();
    }

    /**
     * The literal as a value comparable with this column's stored values, or null if the types do not mix.
     * Dataverse accepts GUIDs both quoted and bare, so a GUID-shaped string counts as a GUID.
     */
    Comparable<?> coerce(Literal literal) {
        switch (this) {
            case STRING:
                return literal.kind() == Literal.Kind.STRING ? fold((String) literal.value()) : null;
            case GUID:
                if (literal.kind() == Literal.Kind.GUID) {
                    return (String) literal.value();
                }
                if (literal.kind() == Literal.Kind.STRING && isGuid((String) literal.value())) {
                    return ((String) literal.value()).toLowerCase(Locale.ROOT);
                }
                return null;
            case INTEGER:
                return literal.kind() == Literal.Kind.NUMBER ? ((BigDecimal) literal.value()).intValue() : null;
            default:
                return literal.kind() == Literal.Kind.DATETIME ? (Instant) literal.value() : null;
        }
    }

    /** The stored value in the form {@link #coerce} produces, so the two compare directly. */
    @SuppressWarnings("unchecked")
    Comparable<Object> comparable(Object stored) {
        if (stored == null) {
            return null;
        }
        if (this == STRING) {
            return (Comparable<Object>) (Comparable<?>) fold((String) stored);
        }
        if (this == GUID) {
            return (Comparable<Object>) (Comparable<?>) ((String) stored).toLowerCase(Locale.ROOT);
        }
        return (Comparable<Object>) stored;
    }

    /** Dataverse compares strings case-insensitively. */
    static String fold(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
