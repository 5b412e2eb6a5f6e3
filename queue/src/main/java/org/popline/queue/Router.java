package org.popline.queue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Decides which waiting caller goes to which available agents next; the {@link Acd} carries the
 * decision out and asks again until nothing more matches.
 *
 * <p>Across queues the caller with the highest priority goes first, and among equal priorities
 * the one who came first ({@link WaitingCaller#ORDER}); so an agent serving several queues takes
 * the most urgent, longest-waiting caller among them. Within the chosen caller's queue, the
 * queue's {@link Routing} picks the agent. Callers nobody is ringing for come first; only when
 * each of them is matched or has nobody free do free agents of a ring-all queue join the ringing
 * for that queue's first caller, so that an agent freed a moment after ringing started is not
 * left idle for a whole ring timeout.
 */
final class Router {

    record Match(WaitingCaller caller, List<Agent> agents) {
    }

    private Router() {
    }

    static Optional<Match> next(Collection<CallQueue> queues) {
        Optional<Match> fresh = best(queues, false);
        if (fresh.isPresent()) {
            return fresh;
        }
        List<CallQueue> ringAll = queues.stream().filter(queue -> queue.settings().routing() == Routing.RING_ALL).toList();
        return best(ringAll, true);
    }

    /**
     * The most urgent caller some free agent can take: among callers nobody rings for, or in a
     * ring-all pass only each queue's first caller. A caller waiting for one named agent who is
     * busy does not hold up those behind them.
     */
    private static Optional<Match> best(Collection<CallQueue> queues, boolean ringAllPass) {
        Match best = null;
        for (CallQueue queue : queues) {
            boolean queueAgentsBusy = false;
            for (WaitingCaller caller : queue.inOrder()) {
                if (best != null && WaitingCaller.ORDER.compare(caller, best.caller()) >= 0) {
                    break;
                }
                if (!ringAllPass && caller.isRinging() || caller.only().isEmpty() && queueAgentsBusy) {
                    continue;
                }
                List<Agent> agents = pick(queue, caller);
                if (!agents.isEmpty()) {
                    best = new Match(caller, agents);
                    break;
                }
                if (ringAllPass) {
                    break;
                }
                queueAgentsBusy |= caller.only().isEmpty();
            }
        }
        return Optional.ofNullable(best);
    }

    private static List<Agent> pick(CallQueue queue, WaitingCaller caller) {
        if (caller.only().isPresent()) {
            Agent agent = caller.only().get();
            return agent.state() == AgentState.AVAILABLE ? List.of(agent) : List.of();
        }
        List<Agent> available = queue.staff().stream().filter(agent -> agent.state() == AgentState.AVAILABLE).toList();
        if (available.isEmpty()) {
            return available;
        }
        return switch (queue.settings().routing()) {
            case LONGEST_AVAILABLE -> List.of(longestAvailable(available));
            case ROUND_ROBIN -> List.of(nextInTurn(queue));
            case RING_ALL -> available;
        };
    }

    /** Ties go to the agent configured first. */
    private static Agent longestAvailable(List<Agent> available) {
        Agent longest = available.get(0);
        for (Agent agent : available) {
            if (agent.availableSince().isBefore(longest.availableSince())) {
                longest = agent;
            }
        }
        return longest;
    }

    /** The first available agent after the one offered last, in configuration order, wrapping around. */
    private static Agent nextInTurn(CallQueue queue) {
        List<Agent> staff = queue.staff();
        int start = queue.lastOffered().map(agent -> staff.indexOf(agent) + 1).orElse(0);
        List<Agent> inTurn = new ArrayList<>(staff.size());
        for (int i = 0; i < staff.size(); i++) {
            inTurn.add(staff.get((start + i) % staff.size()));
        }
        return inTurn.stream().filter(agent -> agent.state() == AgentState.AVAILABLE).findFirst().orElseThrow();
    }
}
