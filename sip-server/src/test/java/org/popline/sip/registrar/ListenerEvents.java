package org.popline.sip.registrar;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A {@link RegistrationListener} that writes down what it is told, agent by agent. */
final class ListenerEvents implements RegistrationListener {
    private final Map<String, BlockingQueue<String>> byAgent = new ConcurrentHashMap<>();

    @Override
    public void registered(String agentId) {
        of(agentId).add("registered " + agentId);
    }

    @Override
    public void unregistered(String agentId) {
        of(agentId).add("unregistered " + agentId);
    }

    /** The agent's next event, e.g. "registered agent1", waiting as long as given; null when none came. */
    String next(String agentId, long seconds) throws InterruptedException {
        return of(agentId).poll(seconds, TimeUnit.SECONDS);
    }

    private BlockingQueue<String> of(String agentId) {
        return byAgent.computeIfAbsent(agentId, a -> new LinkedBlockingQueue<>());
    }
}
