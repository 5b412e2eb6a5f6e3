package org.popline.desk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.popline.ivr.ScreenPop;
import org.popline.queue.AgentEvent;
import org.popline.queue.AgentState;
import org.popline.queue.Caller;

/**
 * One thing that changes what an agent's page shows. Each node's desks are the same fold of the same
 * changes, so a change is what nodes pass each other ({@link DeskRelay}), as JSON.
 */
public sealed interface DeskChange {

    String agentId();

    /** The ACD moved the agent. */
    record Moved(AgentEvent event) implements DeskChange {
        @Override
        public String agentId() {
            return event.agentId();
        }
    }

    /** The dialer offered the agent a caller. */
    record Offered(String agentId, Caller caller, String queue, Optional<String> caseNumber) implements DeskChange {
    }

    /** The flow popped a page for the agent's call; {@code pop.id()} names it until a page has seen it. */
    record Popped(PendingPop pop) implements DeskChange {
        @Override
        public String agentId() {
            return pop.agentId();
        }
    }

    ObjectMapper JSON = new ObjectMapper();

    /** @throws IllegalArgumentException not a change this version understands */
    static DeskChange fromJson(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            String agent = text(n, "agent");
            return switch (text(n, "kind")) {
                case "moved" -> new Moved(new AgentEvent(agent, AgentState.valueOf(text(n, "from")),
                        AgentState.valueOf(text(n, "to")), optional(n, "reason"), optional(n, "call"),
                        Instant.parse(text(n, "at"))));
                case "offered" -> new Offered(agent, new Caller(text(n, "call"), text(n, "ani"), optional(n, "name"),
                        optional(n, "popUrl")), text(n, "queue"), optional(n, "caseNumber"));
                case "popped" -> new Popped(new PendingPop(text(n, "id"), agent, text(n, "call"),
                        new ScreenPop(text(n, "url"), text(n, "target"), text(n, "label"))));
                default -> throw new IllegalArgumentException("unknown desk change " + text(n, "kind"));
            };
        } catch (JsonProcessingException | NullPointerException | IllegalArgumentException
                 | java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("not a desk change: " + e.getMessage(), e);
        }
    }

    default String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent", agentId());
        if (this instanceof Moved moved) {
            AgentEvent e = moved.event();
            m.put("kind", "moved");
            m.put("from", e.from().name());
            m.put("to", e.to().name());
            m.put("reason", e.reason().orElse(null));
            m.put("call", e.callerCallId().orElse(null));
            m.put("at", e.at().toString());
        } else if (this instanceof Offered offered) {
            m.put("kind", "offered");
            m.put("call", offered.caller().callId());
            m.put("ani", offered.caller().ani());
            m.put("name", offered.caller().name().orElse(null));
            m.put("popUrl", offered.caller().screenPopUrl().orElse(null));
            m.put("queue", offered.queue());
            m.put("caseNumber", offered.caseNumber().orElse(null));
        } else {
            PendingPop p = ((Popped) this).pop();
            m.put("kind", "popped");
            m.put("id", p.id());
            m.put("call", p.callId());
            m.put("url", p.pop().url());
            m.put("target", p.pop().target());
            m.put("label", p.pop().label());
        }
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always writes", e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Optional<String> optional(JsonNode n, String field) {
        return Optional.ofNullable(text(n, field));
    }
}
