package org.popline.ops.cdr;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The last records written, newest first, for the admin API; the files hold the rest. */
final class RecentCdrs {
    private final int capacity;
    private final Deque<CallDetailRecord> records = new ArrayDeque<>();

    RecentCdrs(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(CallDetailRecord record) {
        records.addFirst(record);
        while (records.size() > capacity) {
            records.removeLast();
        }
    }

    synchronized List<CallDetailRecord> newest(int limit) {
        return records.stream().limit(limit).toList();
    }
}
