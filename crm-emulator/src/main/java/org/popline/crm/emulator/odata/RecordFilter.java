package org.popline.crm.emulator.odata;

import java.util.function.Predicate;

/**
 * Turns a parsed {@code $filter} into a predicate over records of one entity type. Every property and literal is
 * checked while compiling, so an unknown column is a 400 even when no row would be visited.
 */
public final class RecordFilter {

    private final EntityType type;

    private RecordFilter(EntityType type) {
        this.type = type;
    }

    public static Predicate<EntityRecord> compile(FilterExpression expression, EntityType type) {
        return new RecordFilter(type).compile(expression);
    }

    private Predicate<EntityRecord> compile(FilterExpression expression) {
        if (expression instanceof FilterExpression.And and) {
            return compile(and.left()).and(compile(and.right()));
        }
        if (expression instanceof FilterExpression.Or or) {
            return compile(or.left()).or(compile(or.right()));
        }
        if (expression instanceof FilterExpression.Not not) {
            return compile(not.operand()).negate();
        }
        if (expression instanceof FilterExpression.Comparison comparison) {
            return comparison(comparison);
        }
        return stringFunction((FilterExpression.StringFunction) expression);
    }

    private Predicate<EntityRecord> comparison(FilterExpression.Comparison comparison) {
        Column column = type.requireColumn(comparison.property());
        ComparisonOperator operator = comparison.operator();
        if (comparison.literal().kind() == Literal.Kind.NULL) {
            return nullComparison(column, operator);
        }
        Comparable<?> literal = column.type().coerce(comparison.literal());
        if (literal == null) {
            throw DataverseError.badQuery("A binary operator with incompatible types was detected. Found operand types '"
                    + column.type().edmName() + "' and '" + comparison.literal().edmTypeName()
                    + "' for operator kind '" + operator.kindName() + "'.");
        }
        return record -> {
            Comparable<Object> value = column.type().comparable(record.get(column.name()));
            if (value == null) {
                // OData: null equals nothing but null, so it is "not equal" to every value and never ordered
                return operator == ComparisonOperator.NE;
            }
            return operator.holds(value.compareTo(literal));
        };
    }

    private static Predicate<EntityRecord> nullComparison(Column column, ComparisonOperator operator) {
        if (operator == ComparisonOperator.EQ) {
            return record -> record.get(column.name()) == null;
        }
        if (operator == ComparisonOperator.NE) {
            return record -> record.get(column.name()) != null;
        }
        return record -> false;
    }

    private Predicate<EntityRecord> stringFunction(FilterExpression.StringFunction call) {
        Column column = type.requireColumn(call.property());
        if (column.type() != ColumnType.STRING) {
            throw DataverseError.badQuery("No function signature for the function with name '"
                    + call.function().name().toLowerCase() + "' matches the specified arguments. The function"
                    + " signatures considered are: " + call.function().name().toLowerCase()
                    + "(Edm.String Nullable=true, Edm.String Nullable=true).");
        }
        Predicate<String> matches = LikePattern.compile(call.function(), ColumnType.fold(call.argument()));
        return record -> {
            String value = record.getString(column.name());
            return value != null && matches.test(ColumnType.fold(value));
        };
    }
}
