package org.popline.crm.emulator.odata;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The records of one table in creation order, with a {@link ColumnIndex} for each column a filter has asked about
 * (built on first use, then kept up to date). {@link #candidates} narrows a {@code $filter} to the rows it could
 * match, so a phone search on 100,000 contacts looks at a few hundred; the caller still applies the full filter,
 * so the answer is the one a scan of every row gives. Adding needs the caller's exclusive lock, reading its shared
 * one.
 */
public final class IndexedRows {

    private final EntityType type;
    private final List<EntityRecord> rows = new ArrayList<>();
    private final Map<String, ColumnIndex> indexes = new ConcurrentHashMap<>();

    public IndexedRows(EntityType type) {
        this.type = type;
    }

    public void add(EntityRecord record) {
        int row = rows.size();
        rows.add(record);
        indexes.values().forEach(index -> index.add(row, record));
    }

    public List<EntityRecord> all() {
        return new ArrayList<>(rows);
    }

    /** The rows the filter could match, in creation order: every row when no index narrows it. */
    public List<EntityRecord> candidates(FilterExpression filter) {
        BitSet narrowed = filter == null ? null : narrow(filter);
        if (narrowed == null) {
            return all();
        }
        List<EntityRecord> out = new ArrayList<>(narrowed.cardinality());
        for (int row = narrowed.nextSetBit(0); row >= 0; row = narrowed.nextSetBit(row + 1)) {
            out.add(rows.get(row));
        }
        return out;
    }

    /** The rows the expression could hold for, or null for "any row". */
    private BitSet narrow(FilterExpression expression) {
        if (expression instanceof FilterExpression.And and) {
            return intersect(narrow(and.left()), narrow(and.right()));
        }
        if (expression instanceof FilterExpression.Or or) {
            BitSet left = narrow(or.left());
            BitSet right = left == null ? null : narrow(or.right());
            if (right == null) {
                return null;
            }
            left.or(right);
            return left;
        }
        if (expression instanceof FilterExpression.Comparison comparison) {
            return equality(comparison);
        }
        if (expression instanceof FilterExpression.StringFunction call) {
            return text(call);
        }
        return null;
    }

    private BitSet equality(FilterExpression.Comparison comparison) {
        Column column = type.column(comparison.property()).orElse(null);
        if (column == null || comparison.operator() != ComparisonOperator.EQ
                || comparison.literal().kind() == Literal.Kind.NULL) {
            return null;
        }
        Object key = column.type().coerce(comparison.literal());
        return key == null ? null : index(column).equalTo(key);
    }

    private BitSet text(FilterExpression.StringFunction call) {
        Column column = type.column(call.property()).orElse(null);
        if (column == null || column.type() != ColumnType.STRING) {
            return null;
        }
        String folded = ColumnType.fold(call.argument());
        LikePattern.Literals literals = LikePattern.literals(folded);
        ColumnIndex index = index(column);
        BitSet rows = null;
        if (literals.longest().length() >= ColumnIndex.GRAM) {
            rows = index.containing(literals.longest());
        }
        if (call.function() == FilterExpression.Function.STARTSWITH && literals.leading().length() >= ColumnIndex.EDGE) {
            rows = intersect(rows, index.startingWith(literals.leading()));
        }
        if (call.function() == FilterExpression.Function.ENDSWITH) {
            // The places cover the last two characters too; the suffix index is for patterns with % or [..].
            if (LikePattern.onlySingleCharacterWildcards(folded)) {
                rows = intersect(rows, index.endingWithPattern(folded));
            } else if (literals.trailing().length() >= ColumnIndex.EDGE) {
                rows = intersect(rows, index.endingWith(literals.trailing()));
            }
        }
        return rows;
    }

    private static BitSet intersect(BitSet left, BitSet right) {
        if (left == null) {
            return right;
        }
        if (right != null) {
            left.and(right);
        }
        return left;
    }

    /** The column's index, built from every row the first time it is asked for. */
    public ColumnIndex index(Column column) {
        return indexes.computeIfAbsent(column.name(), name -> {
            ColumnIndex index = new ColumnIndex(column);
            for (int row = 0; row < rows.size(); row++) {
                index.add(row, rows.get(row));
            }
            return index;
        });
    }
}
