package org.popline.ops.supervisor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.popline.ivr.engine.CallTrace;
import org.popline.ivr.engine.FlowTraces;
import org.popline.queue.AgentView;
import org.popline.queue.QueueView;

/** What the supervisor page shows at one moment: queues with their callers and today's counts, agents, calls. */
public final class SupervisorBoard {
    private final Supplier<List<QueueView>> queues;
    private final Supplier<List<AgentView>> agents;
    private final QueueDayCounts counts;
    private final FlowTraces traces;
    private final Clock clock;

    public SupervisorBoard(Supplier<List<QueueView>> queues, Supplier<List<AgentView>> agents, QueueDayCounts counts,
            FlowTraces traces, Clock clock) {
        this.queues = queues;
        this.agents = agents;
        this.counts = counts;
        this.traces = traces;
        this.clock = clock;
    }

    Map<String, Object> snapshot() {
        Instant now = clock.instant();
        Map<String, QueueDayCounts.Counts> today = counts.today();
        Map<String, Object> board = new LinkedHashMap<>();
        board.put("at", now);
        board.put("queues", queues.get().stream().map(q -> Map.of(
                "name", q.name(), "routing", q.routing(), "waiting", q.waiting(), "staffed", q.staffed(),
                "available", q.available(), "today", today.getOrDefault(q.name(), new QueueDayCounts.Counts(0, 0, 0, 0))))
                .toList());
        board.put("agents", agents.get().stream().map(a -> Map.of(
                "id", a.id(), "name", a.name(), "state", a.state(), "reason", a.reason().orElse(""),
                "secondsInState", Duration.between(a.since(), now).toSeconds(), "call", a.callerCallId().orElse("")))
                .toList());
        List<CallTrace.View> recent = traces.recent();
        board.put("calls", recent.stream().filter(t -> t.endedAt() == null).map(t -> call(t, now)).toList());
        board.put("recent", recent.stream().filter(t -> t.endedAt() != null).limit(10).map(t -> call(t, now)).toList());
        return board;
    }

    private static Map<String, Object> call(CallTrace.View trace, Instant now) {
        Instant end = trace.endedAt() == null ? now : trace.endedAt();
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("callId", trace.callId());
        call.put("ani", trace.ani() == null ? "" : trace.ani());
        call.put("flow", trace.flow());
        call.put("seconds", Duration.between(trace.startedAt(), end).toSeconds());
        call.put("activity", trace.current() == null ? "" : trace.current());
        call.put("ending", trace.ending() == null ? "" : trace.ending());
        return call;
    }
}
