package org.popline.desk;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.popline.ivr.ScreenPop;
import org.popline.queue.AgentEvent;
import org.popline.queue.AgentProfile;
import org.popline.queue.AgentState;
import org.popline.queue.Caller;

/**
 * What one agent's page shows, kept up to date from the ACD's state changes, the dialer's offers
 * and the flow's screen pops. Those arrive on different threads in no guaranteed order (a pop can
 * come before the ACD reports the call answered), so callers and pops are kept by Call-ID and
 * matched to the agent's current call only when a snapshot is taken. Not thread-safe: {@link AgentDesks} guards it.
 */
final class AgentDesk {
    private static final int RECENT_CALLS = 10;

    /** A caller as the agent's page shows them. */
    private record CallerInfo(String number, Optional<String> name, String queue, Optional<String> caseNumber) {
    }

    private record RecentCall(String callId, String number, Optional<String> name, Optional<String> caseNumber,
            String outcome, Instant offeredAt,
            Optional<Instant> answeredAt, Instant endedAt, Optional<ScreenPop> pop) {
    }

    private final AgentProfile profile;
    private final Map<String, Duration> wrapUps;
    private final Map<String, CallerInfo> callers = new HashMap<>();
    private final Map<String, ScreenPop> pops = new HashMap<>();
    private final Deque<RecentCall> recent = new ArrayDeque<>();
    private AgentState state = AgentState.LOGGED_OUT;
    private Optional<String> reason = Optional.empty();
    private Instant since;
    private Optional<String> callId = Optional.empty();
    private Instant offeredAt;
    private Instant answeredAt;
    private Instant wrapUpEndsAt;

    /** @param wrapUps each queue's wrap-up time, to count down after a call */
    AgentDesk(AgentProfile profile, Map<String, Duration> wrapUps, Instant now) {
        this.profile = profile;
        this.wrapUps = wrapUps;
        this.since = now;
    }

    void offered(Caller caller, String queue, Optional<String> caseNumber) {
        callers.put(caller.callId(), new CallerInfo(caller.ani(), caller.name().filter(n -> !n.isBlank()), queue,
                caseNumber));
    }

    /** @return false for a pop of a call the agent no longer has (it came too late to show) */
    boolean popped(String call, ScreenPop pop) {
        if (!isCurrent(call)) {
            return false;
        }
        pops.put(call, pop);
        return true;
    }

    void moved(AgentEvent event) {
        if (event.from() == AgentState.ON_CALL && event.to() != AgentState.ON_CALL) {
            callId.ifPresent(id -> finish(id, "answered", event.at()));
            wrapUpEndsAt = event.to() == AgentState.WRAP_UP ? callId.map(callers::get)
                    .filter(c -> c.queue() != null)
                    .map(c -> event.at().plus(wrapUps.getOrDefault(c.queue(), Duration.ZERO))).orElse(null) : null;
        } else if (event.from() == AgentState.RESERVED && event.to() != AgentState.ON_CALL) {
            callId.ifPresent(id -> finish(id, "missed", event.at()));
        }
        if (event.to() != AgentState.WRAP_UP) {
            wrapUpEndsAt = null;
        }
        if (event.to() == AgentState.RESERVED && event.from() != AgentState.RESERVED) {
            offeredAt = event.at();
        }
        if (event.to() == AgentState.ON_CALL && event.from() != AgentState.ON_CALL) {
            answeredAt = event.at();
        }
        state = event.to();
        reason = event.reason();
        since = event.at();
        callId = event.callerCallId();
        // Whatever is kept of other callers would never be shown again.
        callers.keySet().removeIf(id -> !isCurrent(id));
        pops.keySet().removeIf(id -> !isCurrent(id));
    }

    boolean isCurrent(String id) {
        return callId.isPresent() && callId.get().equals(id);
    }

    private void finish(String id, String outcome, Instant at) {
        CallerInfo caller = callers.get(id);
        recent.addFirst(new RecentCall(id, caller == null ? "" : caller.number(),
                caller == null ? Optional.empty() : caller.name(),
                caller == null ? Optional.empty() : caller.caseNumber(), outcome, offeredAt,
                outcome.equals("answered") ? Optional.ofNullable(answeredAt) : Optional.empty(), at,
                Optional.ofNullable(pops.get(id))));
        while (recent.size() > RECENT_CALLS) {
            recent.removeLast();
        }
    }

    /** Everything the page shows, as JSON-ready maps; {@code now} lets the page correct its clock for the timers. */
    Map<String, Object> snapshot(Instant now) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("now", now);
        s.put("agent", Map.of("id", profile.id(), "name", profile.displayName()));
        s.put("state", state);
        s.put("reason", reason.orElse(null));
        s.put("since", since);
        s.put("offer", state == AgentState.RESERVED ? callId.map(id -> call(id, offeredAt, null)).orElse(null) : null);
        s.put("call", state == AgentState.ON_CALL ? callId.map(id -> call(id, offeredAt, answeredAt)).orElse(null) : null);
        s.put("wrapUpEndsAt", state == AgentState.WRAP_UP ? wrapUpEndsAt : null);
        s.put("recent", recent.stream().map(AgentDesk::recentCall).toList());
        return s;
    }

    private Map<String, Object> call(String id, Instant offered, Instant answered) {
        CallerInfo caller = callers.get(id);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("callId", id);
        c.put("number", caller == null ? null : caller.number());
        c.put("name", caller == null ? null : caller.name().orElse(null));
        c.put("queue", caller == null ? null : caller.queue());
        c.put("caseNumber", caller == null ? null : caller.caseNumber().orElse(null));
        c.put("offeredAt", offered);
        c.put("answeredAt", answered);
        c.put("pop", answered == null ? null : pop(pops.get(id)));
        return c;
    }

    private static Map<String, Object> pop(ScreenPop pop) {
        if (pop == null) {
            return null;
        }
        return Map.of("url", pop.url(), "label", pop.label() == null ? "Screen pop" : pop.label(),
                "target", pop.target() == null ? "new-tab" : pop.target());
    }

    private static Map<String, Object> recentCall(RecentCall r) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("callId", r.callId());
        c.put("number", r.number());
        c.put("name", r.name().orElse(null));
        c.put("caseNumber", r.caseNumber().orElse(null));
        c.put("outcome", r.outcome());
        c.put("offeredAt", r.offeredAt());
        c.put("answeredAt", r.answeredAt().orElse(null));
        c.put("endedAt", r.endedAt());
        c.put("pop", r.pop().map(AgentDesk::pop).orElse(null));
        return c;
    }
}
