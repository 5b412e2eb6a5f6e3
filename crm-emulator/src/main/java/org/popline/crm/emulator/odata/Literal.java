package org.popline.crm.emulator.odata;

import java.math.BigDecimal;
import java.time.Instant;

/** A constant in a {@code $filter}: {@code value} is a String, BigDecimal, lower-case GUID String, Instant, Boolean or null. */
public record Literal(Kind kind, Object value) {

    public enum Kind { STRING, NUMBER, GUID, DATETIME, BOOLEAN, NULL }

    static Literal string(String s) {
        return new Literal(Kind.STRING, s);
    }

    static Literal number(String s) {
        return new Literal(Kind.NUMBER, new BigDecimal(s));
    }

    static Literal guid(String s) {
        return new Literal(Kind.GUID, s.toLowerCase());
    }

    static Literal dateTime(Instant instant) {
        return new Literal(Kind.DATETIME, instant);
    }

    static Literal bool(boolean b) {
        return new Literal(Kind.BOOLEAN, b);
    }

    static Literal nullValue() {
        return new Literal(Kind.NULL, null);
    }

    String edmTypeName() {
        switch (kind) {
            case STRING: return "Edm.String";
            case NUMBER: return "Edm.Int32";
            case GUID: return "Edm.Guid";
            case DATETIME: return "Edm.DateTimeOffset";
            case BOOLEAN: return "Edm.Boolean";
            default: return "<null>";
        }
    }
}
