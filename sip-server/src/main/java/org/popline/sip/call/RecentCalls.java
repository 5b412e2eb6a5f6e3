package org.popline.sip.call;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The last few ended calls, newest first, for the admin view; older ones fall off. */
final class RecentCalls {
    private final int capacity;
    private final Deque<CallSummary> calls = new ArrayDeque<>();

    RecentCalls(int capacity) {
        this.capacity = capacity;
    }

    synchronized void add(CallSummary call) {
        calls.addFirst(call);
        while (calls.size() > capacity) {
            calls.removeLast();
        }
    }

    synchronized List<CallSummary> list() {
        return new ArrayList<>(calls);
    }
}
