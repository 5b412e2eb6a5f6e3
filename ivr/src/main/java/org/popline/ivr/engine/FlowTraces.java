package org.popline.ivr.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The traces of calls in progress and of the last {@code keep} finished ones, newest first. */
public final class FlowTraces {
    private final int keep;
    private final Map<String, CallTrace> live = new LinkedHashMap<>();
    private final Deque<CallTrace> finished = new ArrayDeque<>();

    public FlowTraces(int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be at least 1, got " + keep);
        }
        this.keep = keep;
    }

    synchronized void started(CallTrace trace) {
        live.put(trace.callId(), trace);
    }

    synchronized void finished(CallTrace trace) {
        live.remove(trace.callId());
        finished.addFirst(trace);
        while (finished.size() > keep) {
            finished.removeLast();
        }
    }

    /** Live calls first, then finished ones, newest first. */
    public synchronized List<CallTrace.View> recent() {
        List<CallTrace> all = new ArrayList<>(live.values());
        Collections.reverse(all);
        all.addAll(finished);
        return all.stream().map(CallTrace::view).toList();
    }

    public synchronized Optional<CallTrace.View> find(String callId) {
        CallTrace trace = live.get(callId);
        if (trace == null) {
            trace = finished.stream().filter(t -> t.callId().equals(callId)).findFirst().orElse(null);
        }
        return Optional.ofNullable(trace).map(CallTrace::view);
    }
}
