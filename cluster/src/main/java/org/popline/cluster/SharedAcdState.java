package org.popline.cluster;

import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.ScoredValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.popline.cluster.AcdScripts.Outcome;
import org.popline.queue.AgentProfile;
import org.popline.queue.AgentState;
import org.popline.queue.AgentView;
import org.popline.queue.QueueSettings;
import org.popline.queue.QueueView;
import org.popline.queue.WaitingCallerView;

/**
 * The cluster's ACD state in Redis, as one node sees and changes it: each method is one atomic
 * script or a read. Every method may throw {@link io.lettuce.core.RedisException} when Redis cannot
 * be reached; the caller decides what to do then. Not thread-safe: one thread per instance.
 */
final class SharedAcdState {
    private static final String KEY = "{acd}:";

    private final RedisLink link;
    private final AcdScripts scripts = new AcdScripts();
    private final String node;
    /** The node, then each queue's name, routing and agents in configuration order (round-robin's order). */
    private final String[] matchArgs;

    SharedAcdState(RedisLink link, String node, List<QueueSettings> queues, List<AgentProfile> agents) {
        this.link = link;
        this.node = node;
        List<String> args = new ArrayList<>(List.of(node));
        for (QueueSettings queue : queues) {
            args.add(queue.name());
            args.add(queue.routing().name());
            args.add(String.join(",", agents.stream().filter(a -> a.queues().contains(queue.name())).map(AgentProfile::id).toList()));
        }
        this.matchArgs = args.toArray(String[]::new);
    }

    /**
     * @param only the one agent who may take the call; empty: any agent of the queue
     * @return code ok, dup (value: the queue it waits in) or full
     */
    Outcome enqueue(String callId, String queue, int priority, int maxSize, String ani, Optional<String> only) {
        return scripts.run(link.commands(), "enqueue", 1, node, callId, queue, Integer.toString(priority),
                Integer.toString(maxSize), ani, only.orElse(""));
    }

    /** Code offer (values: call, the agents to ring, csv), other (the next caller is another node's), or none. */
    Outcome match() {
        return scripts.run(link.commands(), "match", 2, matchArgs);
    }

    /** @param outcome answered, cancelled or the reason the agent missed it (RONA, busy...) */
    Outcome offerEnded(String agentId, String callId, String outcome) {
        return scripts.run(link.commands(), "offer-ended", 0, node, agentId, callId, outcome);
    }

    Outcome leave(String callId) {
        return scripts.run(link.commands(), "leave", 0, callId);
    }

    int position(String callId) {
        return Integer.parseInt(scripts.run(link.commands(), "position", 1, callId).value(0));
    }

    /** @param op register, unregister, ready, notready or callended; code ok or illegal (value: the state) */
    Outcome agent(String op, AgentProfile agent, String reason, Duration wrapUp) {
        return scripts.run(link.commands(), "agent", 1, op, agent.id(), String.join(",", agent.queues()), node,
                reason == null ? "" : reason, Long.toString(wrapUp.toMillis()));
    }

    /** Renews this node's lease and frees dead nodes' holdings; {@code startOver} frees this node's own first. */
    Outcome tick(Duration lease, boolean startOver) {
        return scripts.run(link.commands(), "tick", 1, node, Long.toString(lease.toMillis()), startOver ? "1" : "0");
    }

    /** The queue's recent handle times, newest first, as many as the in-memory ACD keeps. */
    List<Duration> handleTimes(String queue) {
        return link.commands().lrange(KEY + "handle:" + queue, 0, -1).stream()
                .map(ms -> Duration.ofMillis(Long.parseLong(ms))).toList();
    }

    /** The agent with the node its phone registered through (while logged in). */
    AgentView agent(AgentProfile profile) {
        Map<String, String> h = link.commands().hgetall(KEY + "agent:" + profile.id());
        AgentState state = AgentState.valueOf(h.getOrDefault("state", "LOGGED_OUT"));
        Optional<String> home = state == AgentState.LOGGED_OUT ? Optional.empty() : Optional.ofNullable(h.get("home"));
        return new AgentView(profile.id(), profile.displayName(), state, Optional.ofNullable(h.get("reason")),
                Instant.ofEpochMilli(Long.parseLong(h.getOrDefault("since", "0"))), profile.queues().stream().sorted().toList(),
                Optional.ofNullable(h.get("call")), count(h, "offered"), count(h, "answered"), count(h, "missed"), home);
    }

    /**
     * Agents other nodes put in Redis that are not among {@code known} (configured on those nodes
     * only), with the queues they serve; named by their id, as their names are not shared.
     */
    List<AgentProfile> othersAgents(Set<String> known) {
        String prefix = KEY + "agent:";
        List<AgentProfile> out = new ArrayList<>();
        ScanIterator<String> keys = ScanIterator.scan(link.commands(), ScanArgs.Builder.matches(prefix + "*").limit(500));
        while (keys.hasNext()) {
            String id = keys.next().substring(prefix.length());
            if (!known.contains(id)) {
                String queues = link.commands().hget(prefix + id, "queues");
                out.add(new AgentProfile(id, id, queues == null || queues.isEmpty() ? Set.of() : Set.of(queues.split(","))));
            }
        }
        out.sort(Comparator.comparing(AgentProfile::id));
        return out;
    }

    QueueView queue(QueueSettings queue, List<AgentView> agents, Instant now) {
        List<ScoredValue<String>> all = new ArrayList<>(link.commands().zrangeWithScores(KEY + "waiting:" + queue.name(), 0, -1));
        all.addAll(link.commands().zrangeWithScores(KEY + "offering:" + queue.name(), 0, -1));
        all.addAll(link.commands().zrangeWithScores(KEY + "targeted:" + queue.name(), 0, -1));
        all.sort(Comparator.comparingDouble(ScoredValue::getScore));
        List<WaitingCallerView> callers = new ArrayList<>();
        long longest = 0;
        for (ScoredValue<String> entry : all) {
            Map<String, String> h = link.commands().hgetall(KEY + "caller:" + entry.getValue());
            long waited = Duration.between(Instant.ofEpochMilli(Long.parseLong(h.getOrDefault("since", "0"))), now).toSeconds();
            longest = Math.max(longest, waited);
            callers.add(new WaitingCallerView(entry.getValue(), h.getOrDefault("ani", ""),
                    Integer.parseInt(h.getOrDefault("priority", "0")), waited, callers.size() + 1,
                    Arrays.stream(h.getOrDefault("agents", "").split(",")).filter(a -> !a.isEmpty()).toList()));
        }
        List<AgentView> staff = agents.stream().filter(agent -> agent.queues().contains(queue.name())).toList();
        int staffed = (int) staff.stream().filter(agent -> agent.state() != AgentState.LOGGED_OUT).count();
        int available = (int) staff.stream().filter(agent -> agent.state() == AgentState.AVAILABLE).count();
        return new QueueView(queue.name(), queue.routing(), callers, longest, staffed, available);
    }

    private static int count(Map<String, String> h, String field) {
        return Integer.parseInt(h.getOrDefault(field, "0"));
    }
}
