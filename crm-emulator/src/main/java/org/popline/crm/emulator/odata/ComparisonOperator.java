package org.popline.crm.emulator.odata;

import java.util.Arrays;
import java.util.Optional;

/** The OData comparison keywords. */
public enum ComparisonOperator {
    EQ("eq", "Equal"), NE("ne", "NotEqual"), GT("gt", "GreaterThan"), GE("ge", "GreaterThanOrEqual"),
    LT("lt", "LessThan"), LE("le", "LessThanOrEqual");

    private final String keyword;
    private final String kindName;

    ComparisonOperator(String keyword, String kindName) {
        this.keyword = keyword;
        this.kindName = kindName;
    }

    static Optional<ComparisonOperator> ofKeyword(String word) {
        return Arrays.stream(values()).filter(op -> op.keyword.equals(word)).findFirst();
    }

    /** The operator that gives the same result with its operands swapped ({@code 5 lt x} is {@code x gt 5}). */
    ComparisonOperator mirrored() {
        switch (this) {
            case GT: return LT;
            case GE: return LE;
            case LT: return GT;
            case LE: return GE;
            default: return this;
        }
    }

    boolean holds(int comparison) {
        switch (this) {
            case EQ: return comparison == 0;
            case NE: return comparison != 0;
            case GT: return comparison > 0;
            case GE: return comparison >= 0;
            case LT: return comparison < 0;
            default: return comparison <= 0;
        }
    }

    String kindName() {
        return kindName;
    }
}
