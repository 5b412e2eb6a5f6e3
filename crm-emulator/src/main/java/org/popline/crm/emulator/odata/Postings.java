package org.popline.crm.emulator.odata;

import java.util.Arrays;
import java.util.BitSet;

/** The rows, in ascending order, that hold one index key; rows are appended as records are created. */
final class Postings {

    private int[] rows = new int[4];
    private int size;

    /** Adds a row not smaller than any added before; adding the last one again changes nothing. */
    void add(int row) {
        if (size > 0 && rows[size - 1] == row) {
            return;
        }
        if (size == rows.length) {
            rows = Arrays.copyOf(rows, size * 2);
        }
        rows[size++] = row;
    }

    BitSet toBitSet() {
        BitSet set = new BitSet(size == 0 ? 0 : rows[size - 1] + 1);
        for (int i = 0; i < size; i++) {
            set.set(rows[i]);
        }
        return set;
    }
}
