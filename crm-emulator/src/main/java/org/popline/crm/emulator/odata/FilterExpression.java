package org.popline.crm.emulator.odata;

import java.util.Arrays;
import java.util.Optional;

/** The tree a {@code $filter} parses into; property names are kept as written and checked later against a schema. */
public sealed interface FilterExpression {

    record And(FilterExpression left, FilterExpression right) implements FilterExpression { }

    record Or(FilterExpression left, FilterExpression right) implements FilterExpression { }

    record Not(FilterExpression operand) implements FilterExpression { }

    record Comparison(String property, ComparisonOperator operator, Literal literal) implements FilterExpression { }

    record StringFunction(Function function, String property, String argument) implements FilterExpression { }

    enum Function {
        CONTAINS("contains"), STARTSWITH("startswith"), ENDSWITH("endswith");

        private final String name;

        Function(String name) {
            this.name = name;
        }

        static Optional<Function> ofName(String name) {
            return Arrays.stream(values()).filter(f -> f.name.equals(name)).findFirst();
        }

        boolean test(String value, String argument) {
            switch (this) {
                case CONTAINS: return value.contains(argument);
                case STARTSWITH: return value.startsWith(argument);
                default: return value.endsWith(argument);
            }
        }
    }
}
