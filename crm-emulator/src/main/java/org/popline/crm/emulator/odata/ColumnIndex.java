package org.popline.crm.emulator.odata;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

/**
 * One column's values as a query compares them (strings case-folded, GUIDs lower-case), indexed by the whole
 * value and, for text, by every run of {@link #GRAM} characters, by the first and last {@link #EDGE}, and by each
 * of the last {@link #TAIL} characters at its place from the end. It only narrows: every row a filter could match
 * is among the rows it names, and the filter itself decides.
 */
public final class ColumnIndex {

    static final int GRAM = 4;
    static final int EDGE = 2;
    /**
     * Places from the end indexed one character each: a phone search's {@code endswith(telephone1,'123_45_67')}
     * has no run of {@link #GRAM} characters, and its last {@link #EDGE} alone leave a hundredth of the rows.
     */
    static final int TAIL = 16;

    private final Column column;
    private final Map<Object, Postings> exact = new HashMap<>();
    private final Map<String, Postings> grams = new HashMap<>();
    private final Map<String, Postings> prefixes = new HashMap<>();
    private final Map<String, Postings> suffixes = new HashMap<>();
    private final Map<Integer, BitSet> fromEnd = new HashMap<>();

    ColumnIndex(Column column) {
        this.column = column;
    }

    void add(int row, EntityRecord record) {
        Comparable<Object> key = column.type().comparable(record.get(column.name()));
        if (key == null) {
            return;
        }
        exact.computeIfAbsent(key, k -> new Postings()).add(row);
        if (column.type() != ColumnType.STRING) {
            return;
        }
        String folded = key.toString();
        for (int at = 0; at + GRAM <= folded.length(); at++) {
            grams.computeIfAbsent(folded.substring(at, at + GRAM), k -> new Postings()).add(row);
        }
        if (folded.length() >= EDGE) {
            prefixes.computeIfAbsent(folded.substring(0, EDGE), k -> new Postings()).add(row);
            suffixes.computeIfAbsent(folded.substring(folded.length() - EDGE), k -> new Postings()).add(row);
        }
        for (int place = 1; place <= Math.min(TAIL, folded.length()); place++) {
            fromEnd.computeIfAbsent(placeKey(place, folded.charAt(folded.length() - place)), k -> new BitSet()).set(row);
        }
    }

    private static int placeKey(int placeFromEnd, char c) {
        return placeFromEnd << 16 | c;
    }

    /** Rows whose value equals the key ({@link ColumnType#coerce} of the literal). */
    BitSet equalTo(Object key) {
        return rows(exact.get(key));
    }

    /** Rows whose folded text holds the run, which is at least {@link #GRAM} characters long. */
    BitSet containing(String run) {
        BitSet rows = null;
        for (int at = 0; at + GRAM <= run.length(); at++) {
            BitSet holding = rows(grams.get(run.substring(at, at + GRAM)));
            if (rows == null) {
                rows = holding;
            } else {
                rows.and(holding);
            }
            if (rows.isEmpty()) {
                break;
            }
        }
        return rows;
    }

    /** Rows whose folded text starts with the run, which is at least {@link #EDGE} characters long. */
    BitSet startingWith(String run) {
        return rows(prefixes.get(run.substring(0, EDGE)));
    }

    /** Rows whose folded text ends with the run, which is at least {@link #EDGE} characters long. */
    BitSet endingWith(String run) {
        return rows(suffixes.get(run.substring(run.length() - EDGE)));
    }

    /**
     * Rows whose folded text could end with the pattern, in which {@code _} stands for any one character and every
     * other character for itself: those holding each of the pattern's last {@link #TAIL} characters at its place.
     * Null when the pattern names no character there.
     */
    BitSet endingWithPattern(String pattern) {
        BitSet rows = null;
        for (int place = 1; place <= Math.min(TAIL, pattern.length()); place++) {
            char c = pattern.charAt(pattern.length() - place);
            if (c == '_') {
                continue;
            }
            BitSet holding = fromEnd.get(placeKey(place, c));
            if (holding == null) {
                return new BitSet();
            }
            if (rows == null) {
                rows = (BitSet) holding.clone();
            } else {
                rows.and(holding);
            }
            if (rows.isEmpty()) {
                break;
            }
        }
        return rows;
    }

    private static BitSet rows(Postings postings) {
        return postings == null ? new BitSet() : postings.toBitSet();
    }
}
