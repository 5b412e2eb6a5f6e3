package org.popline.app;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.popline.cluster.SharedPhones;
import org.popline.sip.agent.AgentContact;
import org.popline.sip.agent.RegisteredPhones;
import org.popline.sip.registrar.AgentAccount;
import org.popline.sip.registrar.Binding;
import org.popline.sip.registrar.Registrar;
import org.popline.sip.registrar.RegistrationListener;

/**
 * Where to ring an agent in a cluster: the phone registered on this node, else the one another
 * node published. Publishes this node's phones: at once when an agent's phone registers (before
 * the ACD hears of it, so no node rings an agent it cannot find), and every few seconds to carry
 * refreshes and expiries.
 */
final class SharedPhoneBook implements Function<String, Optional<AgentContact>>, RegistrationListener, AutoCloseable {
    private static final long REPUBLISH_SECONDS = 5;

    private final SharedPhones shared;
    private final Registrar registrar;
    private final RegisteredPhones local;
    private final Map<String, String> sipUsers;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "phone-book");
        t.setDaemon(true);
        return t;
    });

    SharedPhoneBook(SharedPhones shared, Registrar registrar, List<AgentAccount> agents) {
        this.shared = shared;
        this.registrar = registrar;
        this.local = new RegisteredPhones(registrar, agents);
        this.sipUsers = agents.stream().collect(Collectors.toMap(AgentAccount::id, AgentAccount::sipUser));
        refresher.scheduleWithFixedDelay(this::publishAll, REPUBLISH_SECONDS, REPUBLISH_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public Optional<AgentContact> apply(String agentId) {
        return local.apply(agentId).or(() -> shared.find(agentId)
                .map(phone -> new AgentContact(phone.sipUser(), phone.contactUri(), phone.transport(), phone.path())));
    }

    @Override
    public void registered(String agentId) {
        publish(agentId);
    }

    @Override
    public void unregistered(String agentId) {
        shared.remove(agentId);
    }

    private void publishAll() {
        sipUsers.keySet().forEach(this::publish);
    }

    private void publish(String agentId) {
        registrar.bindings(agentId).stream().max(Comparator.comparing(Binding::registeredAt)).ifPresent(binding ->
                shared.publish(agentId, sipUsers.get(agentId), binding.contact(), binding.transport(), binding.path(),
                        binding.expiresAt()));
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        shared.close();
    }
}
