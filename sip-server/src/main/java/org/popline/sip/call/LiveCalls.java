package org.popline.sip.call;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The calls in progress, by Call-ID. */
final class LiveCalls {
    private final Map<String, InboundCall> byCallId = new ConcurrentHashMap<>();

    Optional<InboundCall> get(String callId) {
        return Optional.ofNullable(byCallId.get(callId));
    }

    boolean contains(String callId) {
        return byCallId.containsKey(callId);
    }

    /** True when {@code call} is the live call of its Call-ID (not one that ended, nor another). */
    boolean isLive(InboundCall call) {
        return byCallId.get(call.callId()) == call;
    }

    void add(InboundCall call) {
        byCallId.put(call.callId(), call);
    }

    void remove(InboundCall call) {
        byCallId.remove(call.callId(), call);
    }

    int size() {
        return byCallId.size();
    }

    Collection<InboundCall> all() {
        return List.copyOf(byCallId.values());
    }
}
