package org.popline.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One queue: its settings, the agents who serve it, its waiting callers in the order they will be
 * served, whose turn it is in round-robin, and how long its recent calls took. Guarded by the
 * {@link Acd}'s lock.
 */
final class CallQueue {
    private final QueueSettings settings;
    private final List<Agent> staff;
    private final List<WaitingCaller> waiting = new ArrayList<>();
    private final RecentHandleTimes handleTimes = new RecentHandleTimes();
    private Agent lastOffered;

    /** @param staff the agents serving this queue, in configuration order */
    CallQueue(QueueSettings settings, List<Agent> staff) {
        this.settings = settings;
        this.staff = List.copyOf(staff);
    }

    String name() {
        return settings.name();
    }

    QueueSettings settings() {
        return settings;
    }

    List<Agent> staff() {
        return staff;
    }

    boolean isFull() {
        return waiting.size() >= settings.maxSize();
    }

    /** Puts the caller behind everyone of the same or higher priority. */
    void add(WaitingCaller caller) {
        int place = 0;
        while (place < waiting.size() && WaitingCaller.ORDER.compare(waiting.get(place), caller) <= 0) {
            place++;
        }
        waiting.add(place, caller);
    }

    /** False when the caller was no longer waiting. */
    boolean remove(WaitingCaller caller) {
        return waiting.remove(caller);
    }

    List<WaitingCaller> removeAll() {
        List<WaitingCaller> all = List.copyOf(waiting);
        waiting.clear();
        return all;
    }

    /** 1-based; 0 when the caller is no longer waiting. */
    int position(WaitingCaller caller) {
        return waiting.indexOf(caller) + 1;
    }

    List<WaitingCaller> waiting() {
        return List.copyOf(waiting);
    }

    /** The waiting callers in the order they will be served, without a copy: read it under the lock only. */
    List<WaitingCaller> inOrder() {
        return Collections.unmodifiableList(waiting);
    }

    /** Round-robin continues after this agent. */
    void offeredTo(Agent agent) {
        lastOffered = agent;
    }

    Optional<Agent> lastOffered() {
        return Optional.ofNullable(lastOffered);
    }

    void callCompleted(Duration handleTime) {
        handleTimes.add(handleTime);
    }

    Optional<Duration> estimatedWait(int position) {
        return handleTimes.estimatedWait(position, staffed());
    }

    /** Agents serving the queue whose phone is registered. */
    int staffed() {
        return (int) staff.stream().filter(agent -> agent.state() != AgentState.LOGGED_OUT).count();
    }

    int available() {
        return (int) staff.stream().filter(agent -> agent.state() == AgentState.AVAILABLE).count();
    }
}
