package org.popline.sip.agent;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.popline.sip.registrar.AgentAccount;
import org.popline.sip.registrar.Binding;
import org.popline.sip.registrar.Registrar;

/**
 * Where to ring an agent: the phone that registered most recently, since an agent with a desk
 * phone and a softphone is most likely at the one they touched last.
 */
public final class RegisteredPhones implements Function<String, Optional<AgentContact>> {
    private final Registrar registrar;
    private final Map<String, String> sipUsers;

    public RegisteredPhones(Registrar registrar, List<AgentAccount> agents) {
        this.registrar = registrar;
        this.sipUsers = agents.stream().collect(Collectors.toMap(AgentAccount::id, AgentAccount::sipUser));
    }

    @Override
    public Optional<AgentContact> apply(String agentId) {
        return registrar.bindings(agentId).stream()
                .max(Comparator.comparing(Binding::registeredAt))
                .map(b -> new AgentContact(sipUsers.getOrDefault(agentId, agentId), b.contact(), b.transport(), b.path()));
    }
}
