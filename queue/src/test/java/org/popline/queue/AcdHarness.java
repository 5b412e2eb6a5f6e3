package org.popline.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** An ACD on manual time with a scripted dialer, and the events it reported. */
final class AcdHarness implements AutoCloseable {
    static final Duration MAX_WAIT = Duration.ofMinutes(10);
    static final Duration RING_TIMEOUT = Duration.ofSeconds(15);
    static final Duration WRAP_UP = Duration.ofSeconds(30);

    final ManualTime time = new ManualTime();
    final ScriptedDialer dialer = new ScriptedDialer();
    final List<AcdEvent> events = new CopyOnWriteArrayList<>();
    final Acd acd;

    AcdHarness(List<QueueSettings> queues, List<AgentProfile> agents) {
        acd = new Acd(queues, agents, dialer, time.clock(), time.scheduler());
        acd.addListener(events::add);
    }

    static QueueSettings queue(String name, Routing routing) {
        return new QueueSettings(name, routing, 10, MAX_WAIT, RING_TIMEOUT, WRAP_UP, Optional.empty());
    }

    static AgentProfile agent(String id, String... queues) {
        return new AgentProfile(id, id.substring(0, 1).toUpperCase() + id.substring(1), Set.of(queues));
    }

    static Caller caller(String callId) {
        return new Caller(callId, "+1415555" + String.format("%04d", Math.abs(callId.hashCode()) % 10_000),
                Optional.empty(), Optional.empty());
    }

    void register(String... agentIds) {
        for (String agentId : agentIds) {
            acd.phoneRegistered(agentId);
        }
    }

    QueueTicket enqueue(String callId, String queue) throws QueueRefusedException {
        return enqueue(callId, queue, 0);
    }

    QueueTicket enqueue(String callId, String queue, int priority) throws QueueRefusedException {
        return acd.enqueue(caller(callId), queue, priority);
    }

    AgentView agent(String agentId) {
        return acd.agents().stream().filter(agent -> agent.id().equals(agentId)).findFirst().orElseThrow();
    }

    AgentState state(String agentId) {
        return agent(agentId).state();
    }

    /** The agent answers the one ring going on for them. */
    void answer(String agentId) {
        dialer.ringing(agentId).answer();
    }

    /** The caller on the agent's call hangs up (or the agent does) and wrap-up runs out. */
    void finishCall(String agentId) {
        acd.callEnded(agentId);
        time.advance(WRAP_UP);
    }

    List<CallerEvent> callerEvents(String callId) {
        return events.stream().filter(CallerEvent.class::isInstance).map(CallerEvent.class::cast)
                .filter(event -> event.callId().equals(callId)).toList();
    }

    /** What every test should leave behind: no phone ringing for the ACD and nobody waiting. */
    void assertSettled() {
        for (AgentView agent : acd.agents()) {
            assertTrue(agent.state() != AgentState.RESERVED, () -> "agent " + agent.id() + " is still reserved");
        }
        for (QueueView queue : acd.queues()) {
            assertEquals(List.of(), queue.waiting(), () -> "callers still waiting in " + queue.name());
        }
        assertEquals(List.of(), dialer.ringingAgents(), "phones still ringing");
    }

    @Override
    public void close() {
        acd.close();
    }
}
